package dev.vmalab.model.strategy;

import dev.vmalab.model.lookup.RetryLoopLookup;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.VmaIterator;

/**
 * full-reinit: a fresh state for every attempt, as if MA_STATE() were
 * declared below the {@code retry:} label in lock_vma_under_rcu(): every
 * field re-initialised, not just status and index. lock_next_vma() is the
 * kernel's, with its own {@code vma_iter_set(vmi, from_addr)} on -EAGAIN.
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
}
