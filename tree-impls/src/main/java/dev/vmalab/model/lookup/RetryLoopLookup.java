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
 * (mm/mmap_lock.c), with the fault path's retry handling left to subclasses.
 * Extend it to try a new reset: override {@link #resetForRetry} (and
 * {@link #startRead} to pass the iterator down). lock_next_vma() is the
 * kernel's code and not a hook: every kernel that has it re-sets the iterator
 * itself on -EAGAIN, so a strategy changes it only through vma_start_read().
 */
public abstract class RetryLoopLookup implements LookupStrategy {

    /**
     * After vma_start_read() returned -EAGAIN in lock_vma_under_rcu(), RCU
     * already dropped: prepare {@code vmi} for {@code goto retry}.
     */
    protected abstract void resetForRetry(VmaIterator vmi, Mm mm, long address);

    /** vma_start_read(); override to pass the iterator down. */
    protected Vma startRead(Mm mm, Vma vma, VmaIterator vmi, long address) {
        return VmaReadLock.vmaStartRead(mm, vma);
    }

    /**
     * The walk of a retry in lock_vma_under_rcu(), with rcu_read_lock() just re-taken: by
     * default {@code vma_iter_load()} = mas_walk(). Override to look at the state first
     * ({@code vmi.state().deadNode()}, {@code copy()}, ...) or to walk another way
     * ({@code find}, {@code next}): every node read is checked like the walk's.
     */
    protected Vma walkOnRetry(VmaIterator vmi, Mm mm, long address) {
        return vmi.load();
    }

    @Override
    public Vma lockVmaUnderRcu(Mm mm, long address, VmaLockStats stats) {
        Rcu rcu = mm.kernel().rcu();
        Task t = rcu.current();
        VmaIterator vmi = new VmaIterator(mm, address); // MA_STATE(mas, &mm->mm_mt, address, address)
        boolean retry = false;
        while (true) {
            rcu.readLock(t); // retry:
            Vma vma = retry ? walkOnRetry(vmi, mm, address) : vmi.load(); // mas_walk(&mas)
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
                retry = true;
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

    /**
     * lock_next_vma() (mm/mmap_lock.c, 6.18 and linux-mm as of Dec 2025, the same code): called and
     * returns under rcu_read_lock(). It counts no vmstat event; the maps-reader counts are the lab's own.
     */
    @Override
    public final Vma lockNextVma(Mm mm, VmaIterator vmi, long fromAddr, VmaLockStats stats) {
        Rcu rcu = mm.kernel().rcu();
        Task t = rcu.current();
        while (true) { // retry:
            long seq = mm.lockSeq(); // mmap_lock_speculate_try_begin(mm, &mm_wr_seq): fails while write-locked
            boolean mmapUnlocked = (seq & 1) == 0;
            Vma vma = vmi.next(); // vma_next(vmi)
            if (vma == null) return null;
            Vma locked = startRead(mm, vma, vmi, fromAddr);
            if (locked == VmaReadLock.EAGAIN) { // detached from under us: RCU already dropped
                stats.mapsRetries++;
                mm.kernel().scheduling().yieldAt(YieldPoint.RETRY_WINDOW);
                rcu.readLock(t);
                // "reset to search from the last address": the kernel's own reset, whatever the strategy
                // (for iter-passed-down vma_start_read() already did the same vma_iter_set()).
                vmi.set(fromAddr);
                continue;
            }
            if (locked == null) return fallback(mm, vmi, fromAddr, stats);
            if (fromAddr >= locked.end()) return fallbackUnlock(mm, vmi, locked, fromAddr, stats); // behind from_addr
            // Ahead of from_addr: the gap before it is real unless the map changed since the lookup; then
            // verify by walking again (vma_iter_set + vma_next) and fall back only on a mismatch.
            if (fromAddr < locked.start() && (!mmapUnlocked || mm.lockSeq() != seq)) { // mmap_lock_speculate_retry()
                stats.mapsGapRewalks++;
                vmi.set(fromAddr);
                if (vmi.next() != locked) return fallbackUnlock(mm, vmi, locked, fromAddr, stats);
            }
            return locked;
        }
    }

    /** fallback_unlock: in lock_next_vma(), with the VMA read-locked and RCU held. */
    private static Vma fallbackUnlock(Mm mm, VmaIterator vmi, Vma locked, long fromAddr, VmaLockStats stats) {
        mm.kernel().rcu().readUnlock(mm.kernel().rcu().current());
        Mm.vmaEndRead(locked);
        return fallback(mm, vmi, fromAddr, stats);
    }

    /**
     * fallback: lock_next_vma_under_mmap_lock(), entered without RCU; returns under RCU with the
     * iterator re-set. Simplified: its errors come back as null, the end of the read, where the kernel
     * ends the read on -EINTR and on -EAGAIN (vm_refcnt at VMA_REF_LIMIT) reads on under mmap_lock
     * (fs/proc/task_mmu.c: fallback_to_mmap_lock()); neither happens here (no signals, few readers).
     */
    public static Vma fallback(Mm mm, VmaIterator vmi, long fromAddr, VmaLockStats stats) {
        stats.mapsFallbacks++;
        Rcu rcu = mm.kernel().rcu();
        Task t = rcu.current();
        Vma vma = lockNextVmaUnderMmapLock(mm, vmi, fromAddr);
        rcu.readLock(t);
        vmi.set(vma == null ? fromAddr : vma.end()); // "Reinitialize the iterator after re-entering rcu read section"
        return vma;
    }

    /** lock_next_vma_under_mmap_lock(). */
    private static Vma lockNextVmaUnderMmapLock(Mm mm, VmaIterator vmi, long fromAddr) {
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
