package dev.vmalab.model.lookup;

/** How a page fault's VMA lookup ended. */
public enum FaultOutcome {
    /** Handled under the per-VMA lock (VMA_LOCK_SUCCESS). */
    PER_VMA,
    /** Handled under mmap_read_lock after the per-VMA attempt gave up (lock_mm_and_find_vma). */
    FALLBACK,
    /** No VMA, or the access is not allowed: the process would get SIGSEGV. */
    SEGV
}
