package dev.vmalab.replay.engine;

import dev.vmalab.model.sched.Scheduling;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Keeps workers loosely in trace order: a worker may run an event stamped {@code t} only
 * when no other worker still has an event older than {@code t - window} to run. Each
 * trace thread's order is exact (one worker runs it); across threads, order is exact to
 * within the window. The worker with the oldest pending event can always run, so the gate
 * cannot deadlock.
 */
final class OrderGate {
    private final AtomicLongArray next;
    private final long window;

    /** @param firstTimes each worker's first event time, Long.MAX_VALUE for a worker with none */
    OrderGate(long[] firstTimes, long window) {
        this.next = new AtomicLongArray(firstTimes);
        this.window = window;
    }

    void await(int worker, long time, Scheduling scheduling) {
        while (time - window > oldestOther(worker)) scheduling.waitTurn();
    }

    /** The worker finished an event; {@code nextTime} is its next one (Long.MAX_VALUE when done). */
    void advance(int worker, long nextTime) {
        next.set(worker, nextTime);
    }

    private long oldestOther(int worker) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < next.length(); i++) {
            if (i != worker) min = Math.min(min, next.get(i));
        }
        return min;
    }
}
