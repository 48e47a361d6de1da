package dev.vmalab.model.vma;

import dev.vmalab.model.sched.Scheduling;
import java.util.concurrent.locks.LockSupport;

/**
 * Replay's stand-in for the time a traced mapping syscall held mmap_lock for write (the trace's
 * {@code mmap_lock_hold_ns}): a writer sets a deadline before its operation, and the operation's
 * {@link Mm#mmapWriteUnlock} waits until it has passed, so the lock (and the VMAs it write-locked, whose
 * vm_lock_seq stays current until the unlock) is held as long as in the recording. Two clocks:
 * <ul>
 *   <li>{@link #until}: a wall-clock deadline ({@code System.nanoTime()}, {@code --pace real}); the model's own
 *   work counts towards the hold;</li>
 *   <li>{@link #untilTrace}: a trace time on the scheduler's virtual clock ({@code --pace trace}): the unlock
 *   calls {@link Scheduling#sleepUntil}, and the other workers' events due before it run meanwhile, seeing the
 *   lock held.</li>
 * </ul>
 * Simplification: only the first unlock of an operation waits (the kernel's munmap downgrades to a read lock;
 * the model's holds the write lock throughout). Unset: no wait.
 */
public final class WriteHold {
    private WriteHold() {}

    private static final int WALL = 0, TRACE = 1, HAS_TRACE = 2;
    private static final ThreadLocal<long[]> DEADLINE = ThreadLocal.withInitial(() -> new long[3]);

    /** The next mmap_write_unlock() on this thread waits until {@code System.nanoTime()} reaches {@code nanoTime}. */
    public static void until(long nanoTime) {
        DEADLINE.get()[WALL] = nanoTime;
    }

    /** The next mmap_write_unlock() on this thread waits until the scheduler's trace clock reaches {@code traceTimeNs}. */
    public static void untilTrace(long traceTimeNs) {
        long[] d = DEADLINE.get();
        d[TRACE] = traceTimeNs;
        d[HAS_TRACE] = 1;
    }

    /** Drops a deadline the operation did not use (it failed before taking the lock). */
    public static void clear() {
        long[] d = DEADLINE.get();
        d[WALL] = 0;
        d[HAS_TRACE] = 0;
    }

    static void awaitDeadline(Scheduling scheduling) {
        long[] d = DEADLINE.get();
        if (d[HAS_TRACE] != 0) {
            d[HAS_TRACE] = 0;
            scheduling.sleepUntil(d[TRACE]);
        }
        long due = d[WALL];
        if (due == 0) return;
        d[WALL] = 0;
        for (long left; (left = due - System.nanoTime()) > 0; ) {
            if (left > 50_000) LockSupport.parkNanos(left - 20_000);
            else Thread.onSpinWait();
        }
    }
}
