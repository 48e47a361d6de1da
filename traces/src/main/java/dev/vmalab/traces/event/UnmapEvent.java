package dev.vmalab.traces.event;

/** munmap(addr, length) = result (0 or a negative errno). */
public record UnmapEvent(long timeNs, int pid, int tid, long addr, long length, long result) implements TraceEvent {
    @Override
    public boolean succeeded() {
        return result == 0;
    }
}
