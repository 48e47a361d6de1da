package dev.vmalab.traces.event;

/**
 * mmap(addr, length, prot, flags, fd, offset) = result. {@code fd} is -1 for
 * anonymous mappings; {@code result} is the mapped address or a negative errno.
 */
public record MapEvent(long timeNs, int pid, int tid, long addr, long length, int prot, int flags, int fd,
                       long offset, long result,
                       MmapLockTimes mmapLock) implements MmapLockWriter {
    @Override
    public boolean succeeded() {
        return result >= 0 || result < -4095;
    }

    /** Without known mmap_lock times (generated traces, recordings without mmap_lock events). */
    public MapEvent(long timeNs, int pid, int tid, long addr, long length, int prot, int flags, int fd, long offset,
                    long result) {
        this(timeNs, pid, tid, addr, length, prot, flags, fd, offset, result, MmapLockTimes.NONE);
    }

    @Override
    public MapEvent withMmapLock(MmapLockTimes times) {
        return new MapEvent(timeNs, pid, tid, addr, length, prot, flags, fd, offset, result, times);
    }
}
