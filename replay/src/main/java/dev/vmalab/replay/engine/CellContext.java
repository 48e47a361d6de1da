package dev.vmalab.replay.engine;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.replay.config.Pacing;
import dev.vmalab.replay.plan.ReplayPlan;
import dev.vmalab.model.vma.WriteHold;
import dev.vmalab.traces.event.MmapLockWriter;
import dev.vmalab.traces.event.TraceEvent;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the workers of one cell share.
 *
 * @param hold how writers hold mmap_lock as the trace says: {@link Pacing#TRACE} on the trace clock, a wall-clock
 *             pace (trace ns per wall ns) on free threads, or {@link Pacing#FAST}: only for their own work (as
 *             fast as possible, or under the deterministic scheduler, which must not wait on the wall clock)
 */
record CellContext(Kernel kernel, LookupStrategy strategy, ReplayPlan plan, Spaces spaces, OrderGate gate,
                   Pacer pacer, WriterEvents writers, WriterRepeat repeat, StepsDone done, HotSpot hot, boolean sampleLookups,
                   AtomicLong measuredSince, Pacing hold) {
    /**
     * Sets the writer's mmap_lock hold from the trace ({@link WriteHold}). The trace records a writer at its
     * syscall's exit ({@code time_ns}) with {@code mmap_lock_hold_ns}, the time from its write lock's
     * acquire_returned to its release or downgrade (traces/README.md); it does not record when in the call the
     * hold fell, so the hold is taken to end at the exit: [time_ns - hold, time_ns]. Simplification: the kernel
     * releases a little before the exit (an mmap a few hundred ns; a munmap, which downgrades and zaps page tables
     * under the read lock, microseconds), so the model's hold comes that much late; this can move a fault in or
     * out of a hold, so it can change a per-trace count.
     */
    void holdAsTraced(TraceEvent e) {
        if (!(e instanceof MmapLockWriter w) || w.mmapLockHoldNs() <= 0) return;
        if (hold.traceClock()) WriteHold.untilTrace(e.timeNs());
        else if (hold.wallPaced()) WriteHold.until(System.nanoTime() + (long) (w.mmapLockHoldNs() / hold.speed()));
    }

    /** When a writer holding as traced should start: its hold ends at its trace time (the syscall's exit). */
    long dueTime(TraceEvent e) {
        if (!hold.fast() && e instanceof MmapLockWriter w && w.mmapLockHoldNs() > 0) {
            return e.timeNs() - w.mmapLockHoldNs();
        }
        return e.timeNs();
    }

    /** The first measured event starts the wall clock of the measured part. */
    void markMeasured() {
        if (measuredSince.get() == 0) measuredSince.compareAndSet(0, System.nanoTime());
    }
}
