package dev.vmalab.traces.event;

/**
 * A mapping that exists without a traced mmap: from a {@code PERF_RECORD_MMAP2}
 * record (exec of an ELF, the dynamic loader) or, when {@code inferred}, deduced
 * from faults that hit no known mapping (stack, initial heap, vdso). Range is
 * [start, end), page aligned.
 */
public record InitialMapping(long timeNs, int pid, int tid, long start, long end, int prot, int flags,
                             long pgoff, String path, boolean inferred) implements TraceEvent {}
