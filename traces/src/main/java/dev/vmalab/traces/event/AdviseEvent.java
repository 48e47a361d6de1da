package dev.vmalab.traces.event;

/** madvise(addr, length, advice) = result (0 or a negative errno). */
public record AdviseEvent(long timeNs, int pid, int tid, long addr, long length, int advice, long result)
        implements TraceEvent {
    @Override
    public boolean succeeded() {
        return result == 0;
    }
}
