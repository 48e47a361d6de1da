package dev.vmalab.replay.engine;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.replay.plan.ReplayPlan;
import dev.vmalab.model.vma.WriteHold;
import dev.vmalab.traces.event.MmapLockWriter;
import dev.vmalab.traces.event.TraceEvent;
import java.util.concurrent.atomic.AtomicLong;

/** What the workers of one cell share. */
record CellContext(Kernel kernel, LookupStrategy strategy, ReplayPlan plan, Spaces spaces, OrderGate gate,
                   Pacer pacer, WriterEvents writers, WriterRepeat repeat, StepsDone done, HotSpot hot, boolean sampleLookups,
                   AtomicLong measuredSince, double holdSpeed) {
    /**
     * Sets the writer's mmap_lock hold from the trace ({@link WriteHold}) when replay runs at the trace's pace
     * ({@code holdSpeed} > 0: trace ns per wall ns) on free threads; as fast as possible, or under the
     * deterministic scheduler (which must not wait on the wall clock), writers hold it only for their own work.
     */
    void holdAsTraced(TraceEvent e) {
        if (holdSpeed > 0 && e instanceof MmapLockWriter w && w.mmapLockHoldNs() > 0) {
            WriteHold.until(System.nanoTime() + (long) (w.mmapLockHoldNs() / holdSpeed));
        }
    }

    /** When a paced writer should start: its hold ends at its trace time (the syscall's exit). */
    long dueTime(TraceEvent e) {
        if (holdSpeed > 0 && e instanceof MmapLockWriter w && w.mmapLockHoldNs() > 0) {
            return e.timeNs() - w.mmapLockHoldNs();
        }
        return e.timeNs();
    }

    /** The first measured event starts the wall clock of the measured part. */
    void markMeasured() {
        if (measuredSince.get() == 0) measuredSince.compareAndSet(0, System.nanoTime());
    }
}
