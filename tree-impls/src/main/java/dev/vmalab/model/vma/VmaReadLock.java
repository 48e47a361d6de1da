package dev.vmalab.model.vma;

import dev.vmalab.model.rcu.Rcu;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.sched.YieldPoint;

/**
 * vma_start_read() (mm/mmap_lock.c, 6.18): entered under RCU; on success
 * returns the VMA read-locked with RCU still held; on every failure drops RCU
 * and returns null, or {@link #EAGAIN} when the VMA was detached.
 */
public final class VmaReadLock {
    private VmaReadLock() {}

    /** ERR_PTR(-EAGAIN): the VMA was detached (replaced) after the walk found it. */
    public static final Vma EAGAIN = new Vma(-11);

    /** vma_start_read(mm, vma). */
    public static Vma vmaStartRead(Mm mm, Vma vma) {
        return vmaStartRead(mm, vma, null, 0);
    }

    /**
     * The variant proposed in the fix's thread: the caller's iterator and
     * address come along, and every error exit does vma_iter_set(vmi, address)
     * after dropping RCU (including err_unstable). {@code vmi} null = 6.18 as merged.
     */
    public static Vma vmaStartRead(Mm mm, Vma vma, VmaIterator vmi, long address) {
        Rcu rcu = mm.kernel().rcu();
        Task t = rcu.current();
        mm.kernel().scheduling().yieldAt(YieldPoint.VMA_START_READ);
        // Check before locking: a write-locked VMA (vm_lock_seq == mm_lock_seq) cannot be read-locked.
        if (vma.lockSeq == mm.lockSeq()) return fail(rcu, t, vmi, address, null);
        // __refcount_inc_not_zero_limited_acquire(&vma->vm_refcnt, &oldcnt, VMA_REF_LIMIT)
        int oldcnt;
        while (true) {
            oldcnt = vma.refcnt.get();
            if (oldcnt == 0 || oldcnt + 1 > Vma.VMA_REF_LIMIT) {
                return fail(rcu, t, vmi, address, oldcnt == 0 ? EAGAIN : null);
            }
            if (vma.refcnt.compareAndSet(oldcnt, oldcnt + 1)) break;
        }
        if (vma.mm != mm) { // err_unstable: the memory now belongs to another mm
            rcu.readUnlock(t);
            Mm.vmaEndRead(vma);
            if (vmi != null) vmi.set(address);
            return null;
        }
        if (vma.lockSeq == mm.lockSeq()) { // write-locked after all: put the reference back
            Mm.vmaEndRead(vma);
            return fail(rcu, t, vmi, address, null);
        }
        return vma;
    }

    private static Vma fail(Rcu rcu, Task t, VmaIterator vmi, long address, Vma result) {
        rcu.readUnlock(t);
        if (vmi != null) vmi.set(address);
        return result;
    }

    /** vma_start_read_locked(): under mmap_lock a reader reference cannot race with a writer. */
    public static boolean vmaStartReadLocked(Vma vma) {
        while (true) {
            int c = vma.refcnt.get();
            if (c == 0 || c + 1 > Vma.VMA_REF_LIMIT) return false;
            if (vma.refcnt.compareAndSet(c, c + 1)) return true;
        }
    }
}
