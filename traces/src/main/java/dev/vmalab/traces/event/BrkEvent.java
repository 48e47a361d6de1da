package dev.vmalab.traces.event;

/** brk(requested) = result, the new program break (unchanged break on failure, as the kernel returns). */
public record BrkEvent(long timeNs, int pid, int tid, long requested, long result,
                       long mmapLockHoldNs) implements MmapLockWriter {
    /** Without a known mmap_lock hold time (generated traces, recordings without mmap_lock events). */
    public BrkEvent(long timeNs, int pid, int tid, long requested, long result) {
        this(timeNs, pid, tid, requested, result, UNKNOWN_HOLD);
    }

    @Override
    public BrkEvent withMmapLockHoldNs(long holdNs) {
        return new BrkEvent(timeNs, pid, tid, requested, result, holdNs);
    }
}
