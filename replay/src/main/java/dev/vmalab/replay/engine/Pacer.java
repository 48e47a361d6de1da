package dev.vmalab.replay.engine;

import dev.vmalab.model.sched.Scheduling;
import dev.vmalab.replay.config.Pacing;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds a worker back until an event's trace time has come: on the wall clock, scaled by the pacing
 * ({@code real}, a factor); on the trace clock, by the scheduler's {@link Scheduling#sleepUntil} (the others'
 * earlier events run first); not at all when fast.
 */
final class Pacer {
    private final Pacing pacing;
    private final long traceStart;
    private final Scheduling scheduling;
    private volatile long wallStart;

    Pacer(Pacing pacing, long traceStart, Scheduling scheduling) {
        this.pacing = pacing;
        this.traceStart = traceStart;
        this.scheduling = scheduling;
    }

    void start() {
        wallStart = System.nanoTime();
    }

    void await(long traceTime) {
        if (pacing.traceClock()) {
            scheduling.sleepUntil(traceTime);
            return;
        }
        if (pacing.fast()) return;
        long due = wallStart + (long) ((traceTime - traceStart) / pacing.speed());
        for (long left; (left = due - System.nanoTime()) > 0; ) LockSupport.parkNanos(Math.min(left, 1_000_000));
    }
}
