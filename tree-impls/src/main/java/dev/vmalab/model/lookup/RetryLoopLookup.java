package dev.vmalab.model.lookup;

import dev.vmalab.model.rcu.Rcu;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.sched.YieldPoint;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaIterator;
import dev.vmalab.model.vma.VmaReadLock;

/**
 * The 6.18 control flow of lock_vma_under_rcu() and lock_next_vma()
 * (mm/mmap_lock.c), with the retry's state handling left to subclasses. Extend
 * it to try a new reset: override {@link #resetForRetry} and
 * {@link #resetForNextRetry} (and {@link #startRead} to pass the iterator down).
 */
public abstract class RetryLoopLookup implements LookupStrategy {

    /**
     * After vma_start_read() returned -EAGAIN in lock_vma_under_rcu(), RCU
     * already dropped: prepare {@code vmi} for {@code goto retry}.
     */
    protected abstract void resetForRetry(VmaIterator vmi, Mm mm, long address);

    /** The same in lock_next_vma(), where RCU has been re-taken first. */
    protected abstract void resetForNextRetry(VmaIterator vmi, Mm mm, long fromAddr);

    /** vma_start_read(); override to pass the iterator down. */
    protected Vma startRead(Mm mm, Vma vma, VmaIterator vmi, long address) {
        return VmaReadLock.vmaStartRead(mm, vma);
    }

    @Override
    public Vma lockVmaUnderRcu(Mm mm, long address, VmaLockStats stats) {
        Rcu rcu = mm.kernel().rcu();
        Task t = rcu.current();
        VmaIterator vmi = new VmaIterator(mm, address); // MA_STATE(mas, &mm->mm_mt, address, address)
        while (true) {
            rcu.readLock(t); // retry:
            Vma vma = vmi.load(); // mas_walk(&mas)
            if (vma == null) {
                rcu.readUnlock(t);
                return abort(stats);
            }
            long foundFirst = vmi.index(); // the walk's range, for paired accounting: startRead() may re-set the state
            long foundLast = vmi.state().last();
            Vma locked = startRead(mm, vma, vmi, address);
            if (locked == VmaReadLock.EAGAIN) { // the area was replaced with another one
                stats.countMiss();
                RetryObserver observer = mm.kernel().retryObserver(); // paired accounting: sees the state before the reset
                if (observer != null) observer.eagain(mm, address, foundFirst, foundLast);
                resetForRetry(vmi, mm, address);
                mm.kernel().scheduling().yieldAt(YieldPoint.RETRY_WINDOW);
                continue;
            }
            if (locked == null) return abort(stats);
            rcu.readUnlock(t);
            if (address < locked.start() || address >= locked.end()) { // is the VMA we locked the right one?
                Mm.vmaEndRead(locked);
                return abort(stats);
            }
            return locked;
        }
    }

    private static Vma abort(VmaLockStats stats) {
        stats.abort++; // count_vm_vma_lock_event(VMA_LOCK_ABORT)
        return null;
    }

    @Override
    public Vma lockNextVma(Mm mm, VmaIterator vmi, long fromAddr, VmaLockStats stats) {
        Rcu rcu = mm.kernel().rcu();
        Task t = rcu.current();
        while (true) { // retry:
            long seq = mm.lockSeq(); // mmap_lock_speculate_try_begin()
            boolean mmapUnlocked = (seq & 1) == 0;
            Vma vma = vmi.next();
            if (vma == null) return null;
            Vma locked = startRead(mm, vma, vmi, fromAddr);
            if (locked == VmaReadLock.EAGAIN) { // detached under us: retry from the last address
                stats.countMiss();
                rcu.readLock(t);
                resetForNextRetry(vmi, mm, fromAddr);
                mm.kernel().scheduling().yieldAt(YieldPoint.RETRY_WINDOW);
                continue;
            }
            if (locked == null) return fallback(mm, vmi, fromAddr, stats);
            boolean behind = fromAddr >= locked.end();
            boolean gapUnverified = fromAddr < locked.start() && (!mmapUnlocked || mm.lockSeq() != seq);
            if (behind || gapUnverified) { // fallback_unlock
                rcu.readUnlock(t);
                Mm.vmaEndRead(locked);
                return fallback(mm, vmi, fromAddr, stats);
            }
            return locked;
        }
    }

    /** fallback: lock_next_vma_under_mmap_lock(), then back under RCU with the iterator re-set. */
    static Vma fallback(Mm mm, VmaIterator vmi, long fromAddr, VmaLockStats stats) {
        stats.abort++;
        stats.fallback++;
        Rcu rcu = mm.kernel().rcu();
        Task t = rcu.current();
        Vma vma = lockNextVmaUnderMmapLock(mm, vmi, fromAddr);
        rcu.readLock(t);
        vmi.set(vma == null ? fromAddr : vma.end());
        return vma;
    }

    static Vma lockNextVmaUnderMmapLock(Mm mm, VmaIterator vmi, long fromAddr) {
        Task t = mm.kernel().rcu().current();
        mm.mmapReadLock(t);
        try {
            vmi.set(fromAddr); // look up the VMA at the last position again under mmap_read_lock
            Vma vma = vmi.next();
            if (vma != null && !VmaReadLock.vmaStartReadLocked(vma)) vma = null;
            return vma;
        } finally {
            mm.mmapReadUnlock(t);
        }
    }
}
