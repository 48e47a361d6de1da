package dev.vmalab.model.sched;

/**
 * Places in the model where another thread may run. The deterministic
 * scheduler (replay) switches threads only here; the amplifier delays here.
 */
public enum YieldPoint {
    /** Entered an RCU read-side section. */
    RCU_LOCK,
    /** Left an RCU read-side section (a grace period may end right after). */
    RCU_UNLOCK,
    /** lock_vma_under_rcu()/lock_next_vma(): between a failed vma_start_read() and the retry's rcu_read_lock(). */
    RETRY_WINDOW,
    /** A walk read one maple node. */
    WALK_NODE,
    /** vma_start_read() is about to take the VMA reference. */
    VMA_START_READ,
    /** A writer published new nodes and has not yet marked the old ones dead. */
    WRITER_PUBLISHED,
    /** A writer finished one structural step (detach, store, free). */
    WRITER_STEP,
    /** A thread waits for a lock, a reader to drain, or a grace period. */
    WAIT
}
