package dev.vmalab.traces.event;

/** mremap(oldAddr, oldLength, newLength, flags, newAddr) = result (new address or a negative errno). */
public record RemapEvent(long timeNs, int pid, int tid, long oldAddr, long oldLength, long newLength, int flags,
                         long newAddr, long result) implements TraceEvent {
    @Override
    public boolean succeeded() {
        return result >= 0 || result < -4095;
    }
}
