package dev.vmalab.model.retry;

/**
 * How one lock_vma_under_rcu() ended after a writer made the VMA its walk found stale
 * (column {@code outcome} of matrix.csv and paired.csv, docs/result-format.md).
 */
public enum RetryOutcome {
    /** Returned the VMA that maps the address, read-locked (VMA_LOCK_SUCCESS). */
    LOCKED,
    /** Locked a VMA that does not contain the address: the range check aborts (VMA_LOCK_ABORT, mmap_lock fallback). */
    ABORT_RANGE,
    /** The walk found no VMA, or vma_start_read() returned NULL (write-locked, unstable): abort and fall back. */
    ABORT_NULL,
    /** The retry met -EAGAIN once more (the script stops there: in the kernel it would loop again). */
    EAGAIN_AGAIN,
    /** The lookup did something the checks report (use-after-free, stale node, wrong VMA). */
    VIOLATION;

    /** Whether the fault leaves the per-VMA path (an abort with an mmap_lock fallback). */
    public boolean fallsBack() {
        return this == ABORT_RANGE || this == ABORT_NULL;
    }
}
