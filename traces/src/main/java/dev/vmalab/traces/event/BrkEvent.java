package dev.vmalab.traces.event;

/** brk(requested) = result, the new program break (unchanged break on failure, as the kernel returns). */
public record BrkEvent(long timeNs, int pid, int tid, long requested, long result) implements TraceEvent {}
