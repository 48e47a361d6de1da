package dev.vmalab.traces.event;

/**
 * A syscall event that changes mappings, so the kernel ran it holding mmap_lock for write.
 * {@link #mmapLock()} says when ({@link MmapLockTimes}: the wait for the lock, the hold, and the tail to the
 * syscall's exit). {@code mmapLockHoldNs} is how long it held it, from the trace's {@code mmap_lock_acquire_returned
 * write=true success=true} to its {@code mmap_lock_released write=true} (or to the downgrade to a read lock,
 * as munmap/mremap/brk do), summed over the call's acquisitions: the time its VMAs stayed write-locked.
 * {@link #UNKNOWN_HOLD} when the trace has no mmap_lock records; 0 when it has them and the call took no write
 * lock (a failed call, or a madvise that only read-locks).
 */
public sealed interface MmapLockWriter extends TraceEvent
        permits MapEvent, UnmapEvent, ProtectEvent, RemapEvent, BrkEvent, AdviseEvent {
    long UNKNOWN_HOLD = MmapLockTimes.UNKNOWN;

    MmapLockTimes mmapLock();

    default long mmapLockHoldNs() {
        return mmapLock().holdNs();
    }

    /** The same event with its mmap_lock times set. */
    MmapLockWriter withMmapLock(MmapLockTimes times);

    /** The same event with its hold time set (wait and tail unknown). */
    default MmapLockWriter withMmapLockHoldNs(long holdNs) {
        return withMmapLock(MmapLockTimes.hold(holdNs));
    }
}
