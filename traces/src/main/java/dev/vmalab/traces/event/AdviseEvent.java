package dev.vmalab.traces.event;

/** madvise(addr, length, advice) = result (0 or a negative errno). */
public record AdviseEvent(long timeNs, int pid, int tid, long addr, long length, int advice, long result,
        MmapLockTimes mmapLock)
        implements MmapLockWriter {
    @Override
    public boolean succeeded() {
        return result == 0;
    }

    /** Without known mmap_lock times (generated traces, recordings without mmap_lock events). */
    public AdviseEvent(long timeNs, int pid, int tid, long addr, long length, int advice, long result) {
        this(timeNs, pid, tid, addr, length, advice, result, MmapLockTimes.NONE);
    }

    @Override
    public AdviseEvent withMmapLock(MmapLockTimes times) {
        return new AdviseEvent(timeNs, pid, tid, addr, length, advice, result, times);
    }
}
