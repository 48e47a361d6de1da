package dev.vmalab.model.vma;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.tree.RangeTree;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.sched.Scheduling;
import dev.vmalab.model.sched.YieldPoint;

/**
 * struct mm_struct: the VMA tree (mm_mt, RCU mode, protected by mmap_lock),
 * mmap_lock itself, and mm_lock_seq, the seqcount a write section opens
 * (include/linux/mmap_lock.h). A VMA is write-locked while its vm_lock_seq
 * equals mm_lock_seq; mmap_write_unlock() bumps the sequence and so releases
 * every VMA write lock at once (vma_end_write_all()).
 */
public final class Mm {
    private final Kernel kernel;
    private final long id;
    private final RangeTree tree;
    private final MmapLock mmapLock = new MmapLock();
    /** mm_lock_seq.sequence: odd inside a write section. */
    private volatile long lockSeq;
    /** mm->start_brk and mm->brk (the heap made by exec and moved by brk()). */
    volatile long startBrk;
    volatile long brk;

    public Mm(Kernel kernel) {
        this.kernel = kernel;
        this.id = kernel.nextMmId();
        this.tree = kernel.treeBackend().newTree(kernel, id);
    }

    public Kernel kernel() {
        return kernel;
    }

    public long id() {
        return id;
    }

    public RangeTree tree() {
        return tree;
    }

    /** READ_ONCE(mm->mm_lock_seq.sequence). */
    public long lockSeq() {
        return lockSeq;
    }

    public long startBrk() {
        return startBrk;
    }

    public long brk() {
        return brk;
    }

    /** mm->brk = the new break (brk() under mmap_write_lock). */
    public void setBrk(long address) {
        this.brk = address;
    }

    /** Where the heap starts (set from the trace: exec's initial break). */
    public void setBrkBase(long address) {
        this.startBrk = address;
        this.brk = address;
    }

    private Scheduling scheduling() {
        return kernel.scheduling();
    }

    public void mmapReadLock(Task t) {
        mmapLock.readLock(scheduling());
        t.mmapLockAcquired();
    }

    /** mmap_read_trylock(): never waits. */
    public boolean mmapReadTryLock(Task t) {
        if (!mmapLock.tryReadLock()) return false;
        t.mmapLockAcquired();
        return true;
    }

    public void mmapReadUnlock(Task t) {
        t.mmapLockReleased();
        mmapLock.readUnlock();
    }

    /** mmap_write_lock(): down_write + mm_lock_seqcount_begin(). */
    public void mmapWriteLock(Task t) {
        mmapLock.writeLock(scheduling());
        t.mmapLockAcquired();
        lockSeq = lockSeq + 1;
    }

    /** mmap_write_unlock(): vma_end_write_all() (seqcount end) + up_write. A lazy grace period may end here. */
    public void mmapWriteUnlock(Task t) {
        WriteHold.awaitDeadline(scheduling()); // replay at the trace's pace: held as long as the recording says
        lockSeq = lockSeq + 1;
        t.mmapLockReleased();
        mmapLock.writeUnlock();
        kernel.rcu().quiescentPoint();
        scheduling().yieldAt(YieldPoint.WRITER_STEP);
    }

    /**
     * Replay on the trace clock: a writer the trace shows queued for mmap_lock (waiting between its
     * start_locking and acquire_returned) begins ({@code true}) or ends its wait. Read trylocks fail meanwhile
     * ({@link MmapLock#tracedWaiter}).
     */
    public void mmapWriterQueued(boolean waiting) {
        mmapLock.tracedWaiter(waiting);
    }

    public boolean isWriteLocked() {
        return mmapLock.isWriteLocked();
    }

    /**
     * vma_start_write() (mm/mmap_lock.c: __vma_start_write, __vma_enter_locked):
     * if attached, add VMA_LOCK_OFFSET and wait for readers to drain; set
     * vm_lock_seq to this write section's sequence; drop the offset.
     */
    public void vmaStartWrite(Vma vma) {
        long seq = lockSeq;
        if (vma.lockSeq == seq) return;
        boolean locked = enterLocked(vma, false);
        vma.lockSeq = seq;
        if (locked) vma.refcnt.addAndGet(-Vma.VMA_LOCK_OFFSET);
        scheduling().yieldAt(YieldPoint.WRITER_STEP);
    }

    /** __vma_enter_locked(): false when the VMA is detached; else waits until only we hold it. */
    private boolean enterLocked(Vma vma, boolean detaching) {
        int target = Vma.VMA_LOCK_OFFSET + (detaching ? 0 : 1);
        while (true) { // refcount_add_not_zero(VMA_LOCK_OFFSET)
            int c = vma.refcnt.get();
            if (c == 0) return false;
            if (vma.refcnt.compareAndSet(c, c + Vma.VMA_LOCK_OFFSET)) break;
        }
        while (vma.refcnt.get() != target) scheduling().waitTurn();
        return true;
    }

    /** vma_mark_attached(): vm_refcnt 0 -> 1 (the VMA is being inserted into the tree). */
    public void vmaMarkAttached(Vma vma) {
        if (!vma.refcnt.compareAndSet(0, 1)) throw new IllegalStateException("attaching an attached " + vma);
    }

    /**
     * vma_mark_detached(): drop the tree's reference; if a reader raced in,
     * wait until it leaves. After this, vma_start_read() on it gets -EAGAIN.
     */
    public void vmaMarkDetached(Vma vma) {
        if (vma.lockSeq != lockSeq) throw new IllegalStateException("detaching a VMA that is not write-locked: " + vma);
        if (vma.refcnt.decrementAndGet() != 0) {
            if (enterLocked(vma, true)) vma.refcnt.addAndGet(-Vma.VMA_LOCK_OFFSET);
        }
        scheduling().yieldAt(YieldPoint.WRITER_STEP);
    }

    /** vma_end_read() = vma_refcount_put(). */
    public static void vmaEndRead(Vma vma) {
        vma.refcnt.decrementAndGet();
    }

    /** find_vma(): the first VMA ending above {@code addr}; caller holds mmap_lock. */
    public Vma findVma(long addr) {
        VmaIterator vmi = new VmaIterator(this, addr);
        return vmi.find(RangeTree.MAX);
    }

    /** vma_lookup(): the VMA containing {@code addr}, or null; caller holds mmap_lock. */
    public Vma vmaLookup(long addr) {
        return new VmaIterator(this, addr).load();
    }

    @Override
    public String toString() {
        return "mm" + id;
    }
}
