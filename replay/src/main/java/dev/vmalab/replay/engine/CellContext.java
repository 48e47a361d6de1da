package dev.vmalab.replay.engine;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.replay.plan.ReplayPlan;
import java.util.concurrent.atomic.AtomicLong;

/** What the workers of one cell share. */
record CellContext(Kernel kernel, LookupStrategy strategy, ReplayPlan plan, Spaces spaces, OrderGate gate,
                   Pacer pacer, WriterEvents writers, WriterRepeat repeat, StepsDone done, HotSpot hot, boolean sampleLookups,
                   AtomicLong measuredSince) {
    /** The first measured event starts the wall clock of the measured part. */
    void markMeasured() {
        if (measuredSince.get() == 0) measuredSince.compareAndSet(0, System.nanoTime());
    }
}
