package dev.vmalab.model.vma;

import java.util.concurrent.locks.LockSupport;

/**
 * Replay's stand-in for the time a traced mapping syscall held mmap_lock for write (the trace's
 * {@code mmap_lock_hold_ns}): a writer sets a deadline before its operation, and the operation's
 * {@link Mm#mmapWriteUnlock} waits until it has passed, so the lock (and the VMAs it write-locked, whose
 * vm_lock_seq stays current until the unlock) is held about as long as in the recording. The model's own work
 * counts towards the hold. Simplification: only the first unlock of an operation waits (the kernel's munmap
 * downgrades to a read lock; the model's holds the write lock throughout). Unset: no wait.
 */
public final class WriteHold {
    private WriteHold() {}

    private static final ThreadLocal<long[]> DEADLINE = ThreadLocal.withInitial(() -> new long[1]);

    /** The next mmap_write_unlock() on this thread waits until {@code System.nanoTime()} reaches {@code nanoTime}. */
    public static void until(long nanoTime) {
        DEADLINE.get()[0] = nanoTime;
    }

    /** Drops a deadline the operation did not use (it failed before taking the lock). */
    public static void clear() {
        DEADLINE.get()[0] = 0;
    }

    static void awaitDeadline() {
        long[] d = DEADLINE.get();
        long due = d[0];
        if (due == 0) return;
        d[0] = 0;
        for (long left; (left = due - System.nanoTime()) > 0; ) {
            if (left > 50_000) LockSupport.parkNanos(left - 20_000);
            else Thread.onSpinWait();
        }
    }
}
