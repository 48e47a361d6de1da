package dev.vmalab.model.strategy;

import dev.vmalab.model.lookup.RetryLoopLookup;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.VmaIterator;

/**
 * mas-reset: {@code mas_reset(&mas)} / {@code vma_iter_reset()} before the
 * retry: status start, node NULL, but index/last keep the range the failed
 * walk found. The retry walks from the root to the old VMA's start, not to
 * the faulting address: memory-safe, but when the area was split differently
 * the VMA found does not contain the address and the lookup aborts (a
 * needless fallback). lock_next_vma() is the kernel's, with its own
 * {@code vma_iter_set(vmi, from_addr)} on -EAGAIN: no mas_reset() there.
 */
public final class MasReset extends RetryLoopLookup {
    @Override
    public String name() {
        return "mas-reset";
    }

    @Override
    public String description() {
        return "mas_reset()/vma_iter_reset() before retry: walks from the root, but to the stale index (old VMA start)";
    }

    @Override
    protected void resetForRetry(VmaIterator vmi, Mm mm, long address) {
        vmi.reset();
    }
}
