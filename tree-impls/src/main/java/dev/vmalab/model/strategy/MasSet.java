package dev.vmalab.model.strategy;

import dev.vmalab.model.lookup.RetryLoopLookup;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.VmaIterator;

/**
 * mas-set: the merged fix (Liam Howlett, Nov 2025): {@code mas_set(&mas, address)}
 * before {@code goto retry} in lock_vma_under_rcu(): the retry walks from the
 * root to the faulting address. lock_next_vma() keeps its
 * {@code vma_iter_set(vmi, from_addr)} on -EAGAIN, as in 6.18.
 */
public final class MasSet extends RetryLoopLookup {
    @Override
    public String name() {
        return "mas-set";
    }

    @Override
    public String description() {
        return "merged fix: mas_set(&mas, address) before goto retry; retry walks from the root to the address";
    }

    @Override
    protected void resetForRetry(VmaIterator vmi, Mm mm, long address) {
        vmi.set(address);
    }
}
