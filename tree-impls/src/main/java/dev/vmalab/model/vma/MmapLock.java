package dev.vmalab.model.vma;

import dev.vmalab.model.sched.Scheduling;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * mm->mmap_lock, an rw_semaphore: many readers or one writer; a waiting
 * writer holds off new readers (as rwsem's handoff does). Waits loop through
 * {@link Scheduling#waitTurn()} so a deterministic scheduler stays in control.
 */
final class MmapLock {
    private static final int WRITER = -1;
    private final AtomicInteger state = new AtomicInteger(); // readers, or WRITER
    private final AtomicInteger writersWaiting = new AtomicInteger();

    void readLock(Scheduling s) {
        while (true) {
            int c = state.get();
            if (c >= 0 && writersWaiting.get() == 0 && state.compareAndSet(c, c + 1)) return;
            s.waitTurn();
        }
    }

    void readUnlock() {
        if (state.getAndDecrement() <= 0) throw new IllegalStateException("mmap_read_unlock() without the lock");
    }

    void writeLock(Scheduling s) {
        writersWaiting.incrementAndGet();
        while (!state.compareAndSet(0, WRITER)) s.waitTurn();
        writersWaiting.decrementAndGet();
    }

    void writeUnlock() {
        if (!state.compareAndSet(WRITER, 0)) throw new IllegalStateException("mmap_write_unlock() without the lock");
    }

    boolean isWriteLocked() {
        return state.get() == WRITER;
    }
}
