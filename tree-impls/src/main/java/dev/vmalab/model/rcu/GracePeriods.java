package dev.vmalab.model.rcu;

/**
 * When grace periods end. The kernel ends them lazily (milliseconds); for
 * amplifying races, CONFIG_RCU_STRICT_GRACE_PERIOD ends one as soon as no
 * reader can still hold a pointer.
 */
public enum GracePeriods {
    /** Callbacks run at every rcu_read_unlock() and call_rcu(): frees happen at the earliest legal moment. */
    STRICT,
    /** Callbacks run in batches (when the queue is long, or at mmap_write_unlock()): frees come late. */
    LAZY
}
