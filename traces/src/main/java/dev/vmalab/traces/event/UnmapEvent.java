package dev.vmalab.traces.event;

/** munmap(addr, length) = result (0 or a negative errno). */
public record UnmapEvent(long timeNs, int pid, int tid, long addr, long length, long result,
                       long mmapLockHoldNs) implements MmapLockWriter {
    @Override
    public boolean succeeded() {
        return result == 0;
    }

    /** Without a known mmap_lock hold time (generated traces, recordings without mmap_lock events). */
    public UnmapEvent(long timeNs, int pid, int tid, long addr, long length, long result) {
        this(timeNs, pid, tid, addr, length, result, UNKNOWN_HOLD);
    }

    @Override
    public UnmapEvent withMmapLockHoldNs(long holdNs) {
        return new UnmapEvent(timeNs, pid, tid, addr, length, result, holdNs);
    }
}
