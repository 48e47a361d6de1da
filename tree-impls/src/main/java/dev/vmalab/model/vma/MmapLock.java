package dev.vmalab.model.vma;

import dev.vmalab.model.sched.Scheduling;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * mm->mmap_lock, an rw_semaphore (kernel/locking/rwsem.c): many readers or one
 * writer. A task that cannot take it at once queues; a release hands the lock
 * to the head of the queue (rwsem_mark_wake(RWSEM_WAKE_ANY)): a writer at the
 * head gets it alone, otherwise every queued reader gets it. So a writer that
 * re-takes the lock at once queues behind the readers waiting for it and
 * cannot starve them. Simplification: no optimistic spinning, no reader lock
 * stealing and no 4 ms handoff timeout: arrivals queue whenever anyone waits.
 * Waits loop through {@link Scheduling#waitTurn()} so a deterministic
 * scheduler stays in control.
 */
final class MmapLock {
    private static final int WRITER = -1;

    /** A task in rwsem_down_read_slowpath() / rwsem_down_write_slowpath(). */
    private static final class Waiter {
        final boolean writer;
        volatile boolean granted;

        Waiter(boolean writer) {
            this.writer = writer;
        }
    }

    private int state; // readers holding it, or WRITER; guarded by this
    /** Writers the replayed trace shows queued for the lock, which the model's own state does not hold back. */
    private int tracedWaiters; // guarded by this
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>(); // guarded by this

    void readLock(Scheduling s) {
        Waiter w;
        synchronized (this) {
            if (state >= 0 && queue.isEmpty()) {
                state++;
                return;
            }
            w = enqueue(false);
        }
        while (!w.granted) s.waitTurn();
    }

    /**
     * down_read_trylock() (kernel/locking/rwsem.c: __down_read_trylock): fails
     * when a writer holds the lock or anyone waits (RWSEM_READ_FAILED_MASK:
     * RWSEM_FLAG_WAITERS), a traced waiter included.
     */
    synchronized boolean tryReadLock() {
        if (state < 0 || !queue.isEmpty() || tracedWaiters > 0) return false;
        state++;
        return true;
    }

    void readUnlock() {
        synchronized (this) {
            if (state <= 0) throw new IllegalStateException("mmap_read_unlock() without the lock");
            if (--state == 0) wake();
        }
    }

    void writeLock(Scheduling s) {
        Waiter w;
        synchronized (this) {
            if (state == 0 && queue.isEmpty()) {
                state = WRITER;
                return;
            }
            w = enqueue(true);
        }
        while (!w.granted) s.waitTurn();
    }

    void writeUnlock() {
        synchronized (this) {
            if (state != WRITER) throw new IllegalStateException("mmap_write_unlock() without the lock");
            state = 0;
            wake();
        }
    }

    /**
     * A writer the replayed trace shows waiting for the lock (its mmap_lock_start_locking before its
     * acquire_returned) begins or ends its wait. While one waits, RWSEM_FLAG_WAITERS fails read trylocks;
     * blocking readers (rwsem_down_read_slowpath's reader lock stealing while no writer holds it) and other
     * writers (rwsem_try_write_lock_unqueued, optimistic spinning) still get the lock as its state allows.
     */
    synchronized void tracedWaiter(boolean waiting) {
        if (waiting) tracedWaiters++;
        else if (tracedWaiters-- <= 0) throw new IllegalStateException("traced waiter count below zero");
    }

    synchronized boolean isWriteLocked() {
        return state == WRITER;
    }

    /** Tasks queued for the lock (for tests). */
    synchronized int waiters() {
        return queue.size();
    }

    private Waiter enqueue(boolean writer) {
        Waiter w = new Waiter(writer);
        queue.addLast(w);
        return w;
    }

    /** rwsem_mark_wake(RWSEM_WAKE_ANY) on a free lock: the head writer, or all queued readers. */
    private void wake() {
        Waiter head = queue.peekFirst();
        if (head == null) return;
        if (head.writer) {
            queue.pollFirst();
            state = WRITER;
            head.granted = true;
            return;
        }
        for (Iterator<Waiter> it = queue.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.writer) continue;
            it.remove();
            state++;
            w.granted = true;
        }
    }
}
