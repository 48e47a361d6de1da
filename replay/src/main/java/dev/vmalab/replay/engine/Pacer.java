package dev.vmalab.replay.engine;

import dev.vmalab.replay.config.Pacing;
import java.util.concurrent.locks.LockSupport;

/** Holds a worker back until an event's trace time, scaled by the pacing, has come. */
final class Pacer {
    private final Pacing pacing;
    private final long traceStart;
    private volatile long wallStart;

    Pacer(Pacing pacing, long traceStart) {
        this.pacing = pacing;
        this.traceStart = traceStart;
    }

    void start() {
        wallStart = System.nanoTime();
    }

    void await(long traceTime) {
        if (pacing.fast()) return;
        long due = wallStart + (long) ((traceTime - traceStart) / pacing.speed());
        for (long left; (left = due - System.nanoTime()) > 0; ) LockSupport.parkNanos(Math.min(left, 1_000_000));
    }
}
