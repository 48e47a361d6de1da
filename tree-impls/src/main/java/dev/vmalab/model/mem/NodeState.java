package dev.vmalab.model.mem;

/** Where a maple node's memory is in its life. */
public enum NodeState {
    /** Allocated and in use (possibly dead: replaced, waiting for its grace period). */
    LIVE,
    /** Freed after a grace period and poisoned: any read is a use-after-free (KASAN would report it). */
    FREED
}
