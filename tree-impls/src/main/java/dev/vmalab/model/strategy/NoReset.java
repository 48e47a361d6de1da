package dev.vmalab.model.strategy;

import dev.vmalab.model.lookup.RetryLoopLookup;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.VmaIterator;

/**
 * no-reset: the pre-fix 6.18-rc1 code (commit 0b16f8bed19c): after -EAGAIN,
 * {@code goto retry} re-takes RCU and walks again with the same maple state.
 * The state is still active and points at a leaf read in the previous RCU
 * section; since mas_walk() resumes active states, the retry reads a node
 * that may have been freed after a grace period (syzbot 131f9eb2b5807573275c).
 * Known wrong: the lab must catch it. lock_next_vma() had its own
 * {@code vma_iter_set(vmi, from_addr)} on -EAGAIN already then: maps readers
 * are memory-safe under this strategy too.
 */
public final class NoReset extends RetryLoopLookup {
    @Override
    public String name() {
        return "no-reset";
    }

    @Override
    public String description() {
        return "pre-fix 6.18-rc1: retry reuses the active maple state from the previous RCU section (use-after-free)";
    }

    @Override
    public boolean knownIncorrect() {
        return true;
    }

    @Override
    protected void resetForRetry(VmaIterator vmi, Mm mm, long address) {}
}
