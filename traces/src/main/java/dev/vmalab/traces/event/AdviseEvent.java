package dev.vmalab.traces.event;

/** madvise(addr, length, advice) = result (0 or a negative errno). */
public record AdviseEvent(long timeNs, int pid, int tid, long addr, long length, int advice, long result,
        long mmapLockHoldNs)
        implements MmapLockWriter {
    @Override
    public boolean succeeded() {
        return result == 0;
    }

    /** Without a known mmap_lock hold time (generated traces, recordings without mmap_lock events). */
    public AdviseEvent(long timeNs, int pid, int tid, long addr, long length, int advice, long result) {
        this(timeNs, pid, tid, addr, length, advice, result, UNKNOWN_HOLD);
    }

    @Override
    public AdviseEvent withMmapLockHoldNs(long holdNs) {
        return new AdviseEvent(timeNs, pid, tid, addr, length, advice, result, holdNs);
    }
}
