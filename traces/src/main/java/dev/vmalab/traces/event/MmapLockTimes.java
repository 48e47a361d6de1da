package dev.vmalab.traces.event;

/**
 * When a traced mapping syscall held mmap_lock for write, from the recording's {@code mmap_lock:*} records
 * (traces/README.md), relative to the syscall's exit (the event's {@code time_ns}):
 * <pre>
 *   start_locking --wait--> acquire_returned --hold--> released/downgrade --tail--> sys_exit (time_ns)
 * </pre>
 *
 * @param holdNs from {@code acquire_returned write=true success=true} to {@code released write=true} or the
 *               downgrade to a read lock, summed over the call's acquisitions; {@link #UNKNOWN} without the
 *               tracepoints, 0 when the call took no write lock
 * @param waitNs from the call's first {@code start_locking write=true} to its first successful acquisition: the
 *               time it waited queued for the lock (format version 3; {@link #UNKNOWN} when not known)
 * @param tailNs from its last write release or downgrade to the syscall's exit (a munmap's page-table zap under
 *               the downgraded read lock is in here; format version 3; {@link #UNKNOWN} when not known)
 */
public record MmapLockTimes(long holdNs, long waitNs, long tailNs) {
    public static final long UNKNOWN = -1;
    public static final MmapLockTimes NONE = new MmapLockTimes(UNKNOWN, UNKNOWN, UNKNOWN);

    public MmapLockTimes {
        if (holdNs < UNKNOWN || waitNs < UNKNOWN || tailNs < UNKNOWN) {
            throw new IllegalArgumentException("mmap_lock times must be >= 0 or unknown: " + holdNs + ", " + waitNs + ", " + tailNs);
        }
    }

    /** Only the hold time (a version-2 trace). */
    public static MmapLockTimes hold(long holdNs) {
        return new MmapLockTimes(holdNs, UNKNOWN, UNKNOWN);
    }

    /** Whether the write lock's place in the call is known: it was held, with its wait and tail known. */
    public boolean timeline() {
        return holdNs > 0 && waitNs >= 0 && tailNs >= 0;
    }
}
