package dev.vmalab.traces.event;

/** mremap(oldAddr, oldLength, newLength, flags, newAddr) = result (new address or a negative errno). */
public record RemapEvent(long timeNs, int pid, int tid, long oldAddr, long oldLength, long newLength, int flags,
                         long newAddr, long result,
                       MmapLockTimes mmapLock) implements MmapLockWriter {
    @Override
    public boolean succeeded() {
        return result >= 0 || result < -4095;
    }

    /** Without known mmap_lock times (generated traces, recordings without mmap_lock events). */
    public RemapEvent(long timeNs, int pid, int tid, long oldAddr, long oldLength, long newLength, int flags,
                      long newAddr, long result) {
        this(timeNs, pid, tid, oldAddr, oldLength, newLength, flags, newAddr, result, MmapLockTimes.NONE);
    }

    @Override
    public RemapEvent withMmapLock(MmapLockTimes times) {
        return new RemapEvent(timeNs, pid, tid, oldAddr, oldLength, newLength, flags, newAddr, result, times);
    }
}
