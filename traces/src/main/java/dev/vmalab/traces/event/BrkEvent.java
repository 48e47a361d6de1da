package dev.vmalab.traces.event;

/** brk(requested) = result, the new program break (unchanged break on failure, as the kernel returns). */
public record BrkEvent(long timeNs, int pid, int tid, long requested, long result,
                       MmapLockTimes mmapLock) implements MmapLockWriter {
    /** Without known mmap_lock times (generated traces, recordings without mmap_lock events). */
    public BrkEvent(long timeNs, int pid, int tid, long requested, long result) {
        this(timeNs, pid, tid, requested, result, MmapLockTimes.NONE);
    }

    @Override
    public BrkEvent withMmapLock(MmapLockTimes times) {
        return new BrkEvent(timeNs, pid, tid, requested, result, times);
    }
}
