package dev.vmalab.model.strategy;

import dev.vmalab.model.lookup.RetryLoopLookup;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.VmaIterator;

/**
 * full-reinit: a fresh state for every attempt, as if MA_STATE() were
 * declared below the {@code retry:} label (and vma_iter_init() in
 * lock_next_vma()): every field re-initialised, not just status and index.
 */
public final class FullReinit extends RetryLoopLookup {
    @Override
    public String name() {
        return "full-reinit";
    }

    @Override
    public String description() {
        return "fresh MA_STATE()/vma_iter_init() on every attempt: all fields re-initialised";
    }

    @Override
    protected void resetForRetry(VmaIterator vmi, Mm mm, long address) {
        vmi.init(mm, address);
    }

    @Override
    protected void resetForNextRetry(VmaIterator vmi, Mm mm, long fromAddr) {
        vmi.init(mm, fromAddr);
    }
}
