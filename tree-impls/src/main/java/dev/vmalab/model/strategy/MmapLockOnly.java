package dev.vmalab.model.strategy;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.lookup.RetryLoopLookup;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.model.rcu.Rcu;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaIterator;

/**
 * mmap-lock-only: no per-VMA locks, the behaviour before 6.4: every fault
 * takes mmap_read_lock and find_vma(); maps readers take mmap_read_lock for
 * each step. The baseline the per-VMA strategies must beat.
 */
public final class MmapLockOnly implements LookupStrategy {
    @Override
    public String name() {
        return "mmap-lock-only";
    }

    @Override
    public String description() {
        return "baseline without per-VMA locks (pre-6.4): every lookup under mmap_read_lock + find_vma()";
    }

    @Override
    public boolean usesPerVmaLocks() {
        return false;
    }

    @Override
    public Vma lockVmaUnderRcu(Mm mm, long address, VmaLockStats stats) {
        stats.abort++;
        return null;
    }

    /**
     * Each step under mmap_read_lock, through lock_next_vma()'s own fallback. Simplified: a kernel
     * without per-VMA maps reads holds mmap_read_lock for a whole seq_file buffer (m_start to m_stop),
     * not per step. Maps steps are not timed: this reaches the baseline's figures only through
     * writers' waits for mmap_lock.
     */
    @Override
    public Vma lockNextVma(Mm mm, VmaIterator vmi, long fromAddr, VmaLockStats stats) {
        Rcu rcu = mm.kernel().rcu();
        rcu.readUnlock(rcu.current()); // the caller's RCU section is not needed here
        return RetryLoopLookup.fallback(mm, vmi, fromAddr, stats);
    }
}
