package dev.vmalab.traces.event;

/**
 * mmap(addr, length, prot, flags, fd, offset) = result. {@code fd} is -1 for
 * anonymous mappings; {@code result} is the mapped address or a negative errno.
 */
public record MapEvent(long timeNs, int pid, int tid, long addr, long length, int prot, int flags, int fd,
                       long offset, long result,
                       long mmapLockHoldNs) implements MmapLockWriter {
    @Override
    public boolean succeeded() {
        return result >= 0 || result < -4095;
    }

    /** Without a known mmap_lock hold time (generated traces, recordings without mmap_lock events). */
    public MapEvent(long timeNs, int pid, int tid, long addr, long length, int prot, int flags, int fd, long offset,
                    long result) {
        this(timeNs, pid, tid, addr, length, prot, flags, fd, offset, result, UNKNOWN_HOLD);
    }

    @Override
    public MapEvent withMmapLockHoldNs(long holdNs) {
        return new MapEvent(timeNs, pid, tid, addr, length, prot, flags, fd, offset, result, holdNs);
    }
}
