package dev.vmalab.traces.event;

/** mprotect(addr, length, prot) = result (0 or a negative errno). */
public record ProtectEvent(long timeNs, int pid, int tid, long addr, long length, int prot, long result)
        implements TraceEvent {
    @Override
    public boolean succeeded() {
        return result == 0;
    }
}
