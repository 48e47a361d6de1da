package dev.vmalab.model.strategy;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.model.rcu.Rcu;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaIterator;
import dev.vmalab.model.vma.VmaReadLock;

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

    @Override
    public Vma lockNextVma(Mm mm, VmaIterator vmi, long fromAddr, VmaLockStats stats) {
        stats.abort++;
        stats.fallback++;
        Rcu rcu = mm.kernel().rcu();
        Task t = rcu.current();
        rcu.readUnlock(t); // the caller's RCU section is not needed here
        mm.mmapReadLock(t);
        Vma vma;
        try {
            vmi.set(fromAddr);
            vma = vmi.next();
            if (vma != null && !VmaReadLock.vmaStartReadLocked(vma)) vma = null;
        } finally {
            mm.mmapReadUnlock(t);
        }
        rcu.readLock(t);
        vmi.set(vma == null ? fromAddr : vma.end());
        return vma;
    }
}
