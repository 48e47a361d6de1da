package dev.vmalab.replay.engine;

import dev.vmalab.traces.event.MmapLockTimes;
import dev.vmalab.traces.event.MmapLockWriter;
import dev.vmalab.traces.event.TraceEvent;

/**
 * A traced mapping syscall's mmap_lock write lock in trace time (traces/README.md: the event's {@code time_ns} is
 * the syscall's exit; {@link MmapLockTimes} the wait, the hold and the tail before it): asked for at
 * {@code request}, granted at {@code acquired}, released (or downgraded) at {@code released}. With the wait and
 * the tail known (format 3) that is exact for a call that locked once (the samples' calls all do); a call that
 * locked several times is taken to hold from its first grant for the sum of its holds. Without them (format 2)
 * the hold is taken to end at the exit and the wait is unknown (none): [time_ns - hold, time_ns].
 */
public record TracedHold(long request, long acquired, long released) {
    /** The event's write lock, or null when it is not a mapping syscall with a known, non-zero hold. */
    public static TracedHold of(TraceEvent e) {
        if (!(e instanceof MmapLockWriter w)) return null;
        MmapLockTimes t = w.mmapLock();
        if (t.holdNs() <= 0) return null;
        if (!t.timeline()) return new TracedHold(e.timeNs() - t.holdNs(), e.timeNs() - t.holdNs(), e.timeNs());
        long released = e.timeNs() - t.tailNs();
        long acquired = released - t.holdNs();
        return new TracedHold(acquired - t.waitNs(), acquired, released);
    }

    /** Whether the recording shows the call waiting queued for the lock. */
    public boolean waited() {
        return acquired > request;
    }

    /** Whether the wait and the tail were recorded (format 3), so the hold's place in the call is known. */
    public static boolean placed(TraceEvent e) {
        return e instanceof MmapLockWriter w && w.mmapLock().timeline();
    }
}
