package dev.vmalab.traces.event;

/** Thread {@code tid} exits; when it is the last one the process's mm is torn down. */
public record ThreadExit(long timeNs, int pid, int tid) implements TraceEvent {}
