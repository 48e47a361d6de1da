package dev.vmalab.traces.event;

/**
 * A read of /proc/{targetPid}/maps by thread {@code tid}: replay walks every VMA of
 * the target's mm with {@code lock_next_vma()} (fs/proc/task_mmu.c with per-VMA locks).
 * Produced by the generators, and by {@code vmalab record --maps-readers} (an open of /proc/PID/maps
 * seen by a uprobe on the C library; one event per open).
 */
public record MapsRead(long timeNs, int pid, int tid, int targetPid) implements TraceEvent {}
