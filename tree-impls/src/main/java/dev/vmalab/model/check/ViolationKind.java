package dev.vmalab.model.check;

/** What a lookup did wrong. Names are those of result files (docs/result-format.md). */
public enum ViolationKind {
    /** Read a maple node after it was freed (in quarantine, poisoned): what KASAN reports. */
    USE_AFTER_FREE,
    /** Read a node that was freed and reallocated since the pointer was obtained: KASAN is blind to it. */
    STALE_NODE,
    /** Read a node with neither the RCU read lock nor mmap_lock held. */
    RCU_NOT_HELD,
    /** Returned a VMA that is not the one mapping the address in this mm (or one below from_addr). */
    WRONG_VMA,
    /**
     * Dereferenced a maple-state pointer in a later RCU read section than the one it was read in
     * (the kernel's rule: such a pointer is invalid), whether or not a grace period has elapsed
     * since; the detail says which (get_state_synchronize_rcu() / poll_state_synchronize_rcu()).
     */
    STALE_RCU_SECTION
}
