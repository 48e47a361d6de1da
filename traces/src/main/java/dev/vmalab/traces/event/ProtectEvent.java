package dev.vmalab.traces.event;

/** mprotect(addr, length, prot) = result (0 or a negative errno). */
public record ProtectEvent(long timeNs, int pid, int tid, long addr, long length, int prot, long result,
        long mmapLockHoldNs)
        implements MmapLockWriter {
    @Override
    public boolean succeeded() {
        return result == 0;
    }

    /** Without a known mmap_lock hold time (generated traces, recordings without mmap_lock events). */
    public ProtectEvent(long timeNs, int pid, int tid, long addr, long length, int prot, long result) {
        this(timeNs, pid, tid, addr, length, prot, result, UNKNOWN_HOLD);
    }

    @Override
    public ProtectEvent withMmapLockHoldNs(long holdNs) {
        return new ProtectEvent(timeNs, pid, tid, addr, length, prot, result, holdNs);
    }
}
