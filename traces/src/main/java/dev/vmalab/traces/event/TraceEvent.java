package dev.vmalab.traces.event;

/**
 * One event of a trace. Every event carries its time (nanoseconds, monotonic
 * within a trace), the process (pid, the kernel's tgid) and the thread (tid)
 * that caused it. Syscall events carry the syscall's arguments and its result
 * (a negative errno on failure: failed calls are kept, and replay does not apply them).
 */
public sealed interface TraceEvent
        permits ProcessStart, ThreadStart, ThreadExit, InitialMapping, FaultEvent, MapsRead,
                MmapLockWriter /* map, unmap, protect, remap, brk, advise */ {
    long timeNs();

    int pid();

    int tid();

    /** Whether a syscall event succeeded; non-syscall events always did. */
    default boolean succeeded() {
        return true;
    }
}
