package dev.vmalab.traces.event;

/** munmap(addr, length) = result (0 or a negative errno). */
public record UnmapEvent(long timeNs, int pid, int tid, long addr, long length, long result,
                       MmapLockTimes mmapLock) implements MmapLockWriter {
    @Override
    public boolean succeeded() {
        return result == 0;
    }

    /** Without known mmap_lock times (generated traces, recordings without mmap_lock events). */
    public UnmapEvent(long timeNs, int pid, int tid, long addr, long length, long result) {
        this(timeNs, pid, tid, addr, length, result, MmapLockTimes.NONE);
    }

    @Override
    public UnmapEvent withMmapLock(MmapLockTimes times) {
        return new UnmapEvent(timeNs, pid, tid, addr, length, result, times);
    }
}
