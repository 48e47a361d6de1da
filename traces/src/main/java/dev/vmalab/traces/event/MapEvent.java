package dev.vmalab.traces.event;

/**
 * mmap(addr, length, prot, flags, fd, offset) = result. {@code fd} is -1 for
 * anonymous mappings; {@code result} is the mapped address or a negative errno.
 */
public record MapEvent(long timeNs, int pid, int tid, long addr, long length, int prot, int flags, int fd,
                       long offset, long result) implements TraceEvent {
    @Override
    public boolean succeeded() {
        return result >= 0 || result < -4095;
    }
}
