package dev.vmalab.replay.engine;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.replay.config.Pacing;
import dev.vmalab.replay.plan.ReplayPlan;
import dev.vmalab.model.vma.WriteHold;
import dev.vmalab.model.sched.Scheduling;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.replay.plan.Step;
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
     * Sets the writer's mmap_lock hold from the trace ({@link WriteHold}): on the trace clock until its traced
     * release ({@link TracedHold}); on the wall clock for {@code mmap_lock_hold_ns} scaled by the pace.
     * Simplification for a format-2 trace (no wait or tail): the hold is taken to end at the syscall's exit, while
     * the kernel releases a little before (an mmap a few hundred ns; a munmap, which downgrades and zaps page
     * tables under the read lock, microseconds), so the model's hold comes that much late; this can move a fault
     * in or out of a hold, so it can change a per-trace count.
     */
    void holdAsTraced(TraceEvent e) {
        TracedHold h = TracedHold.of(e);
        if (h == null) return;
        if (hold.traceClock()) WriteHold.untilTrace(h.released());
        else if (hold.wallPaced()) WriteHold.until(System.nanoTime() + (long) ((h.released() - h.acquired()) / hold.speed()));
    }

    /**
     * When a writer holding as traced should start: on the trace clock when it asked for the lock, on the wall
     * clock when it got it ({@link TracedHold}); any other event at its trace time.
     */
    long dueTime(TraceEvent e) {
        TracedHold h = hold.fast() ? null : TracedHold.of(e);
        if (h == null) return e.timeNs();
        return hold.traceClock() ? h.request() : h.acquired();
    }

    /**
     * Waits for the step's ordering edge; on the trace clock a writer the recording shows queued for mmap_lock
     * also stays queued until its traced grant ({@link Mm#mmapWriterQueued}): meanwhile the others' read trylocks
     * fail, as RWSEM_FLAG_WAITERS makes them, while their blocking locks and other writers go on as the model's lock
     * lets them (rwsem's lock stealing). Simplification: the kernel's reason to wait (another holder, often one the
     * trace does not show) is not modelled, only that it waited.
     */
    void awaitTurn(Step s, Scheduling scheduling) {
        TracedHold h = hold.traceClock() && s.event().succeeded() && s.space() >= 0 ? TracedHold.of(s.event()) : null;
        if (h == null || !h.waited()) {
            done.await(s.after(), scheduling);
            return;
        }
        Mm mm = spaces.await(s.space(), scheduling);
        mm.mmapWriterQueued(true);
        try {
            done.await(s.after(), scheduling);
            scheduling.sleepUntil(h.acquired());
        } finally {
            mm.mmapWriterQueued(false);
        }
    }

    /** The first measured event starts the wall clock of the measured part. */
    void markMeasured() {
        if (measuredSince.get() == 0) measuredSince.compareAndSet(0, System.nanoTime());
    }
}
