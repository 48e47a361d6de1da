package dev.vmalab.traces.event;

/** A new thread {@code tid} in process {@code pid}, created by {@code parentTid} (clone with CLONE_VM). */
public record ThreadStart(long timeNs, int pid, int tid, int parentTid) implements TraceEvent {}
