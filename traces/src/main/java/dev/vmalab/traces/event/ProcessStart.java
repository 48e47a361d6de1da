package dev.vmalab.traces.event;

/**
 * A process appears: {@code FORK} (a copy of the parent's mappings, kernel dup_mmap)
 * or {@code EXEC} (the mappings are replaced by the new program's). For EXEC,
 * {@code parentPid} is the pid itself.
 */
public record ProcessStart(long timeNs, int pid, int tid, int parentPid, How how, String comm) implements TraceEvent {
    public enum How { FORK, EXEC }
}
