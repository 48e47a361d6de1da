package dev.vmalab.model.lookup;

import dev.vmalab.model.vma.Mm;

/**
 * Told of each -EAGAIN in lock_vma_under_rcu(), at the point the kernel counts
 * VMA_LOCK_MISS: RCU has been dropped, the retry's reset has not run yet. Replay
 * installs one per cell ({@link dev.vmalab.model.Kernel#setRetryObserver}) for paired
 * retry accounting; it must change nothing in the model.
 *
 * @param foundFirst first address of the entry the failed walk found (the state's index: mas_reset() keeps it)
 * @param foundLast  its last address
 */
@FunctionalInterface
public interface RetryObserver {
    void eagain(Mm mm, long address, long foundFirst, long foundLast);
}
