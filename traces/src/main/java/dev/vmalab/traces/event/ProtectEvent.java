package dev.vmalab.traces.event;

/** mprotect(addr, length, prot) = result (0 or a negative errno). */
public record ProtectEvent(long timeNs, int pid, int tid, long addr, long length, int prot, long result,
        MmapLockTimes mmapLock)
        implements MmapLockWriter {
    @Override
    public boolean succeeded() {
        return result == 0;
    }

    /** Without known mmap_lock times (generated traces, recordings without mmap_lock events). */
    public ProtectEvent(long timeNs, int pid, int tid, long addr, long length, int prot, long result) {
        this(timeNs, pid, tid, addr, length, prot, result, MmapLockTimes.NONE);
    }

    @Override
    public ProtectEvent withMmapLock(MmapLockTimes times) {
        return new ProtectEvent(timeNs, pid, tid, addr, length, prot, result, times);
    }
}
