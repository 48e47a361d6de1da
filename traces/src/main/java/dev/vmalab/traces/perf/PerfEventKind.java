package dev.vmalab.traces.perf;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** What a {@code perf script} event name means to the importer. */
record PerfEventKind(Type type, Syscall syscall) {
    enum Type {
        FAULT, SYSCALL_ENTER, SYSCALL_EXIT, MMAP2, MMAP, FORK, COMM, EXIT, LOCK_START, LOCK_ACQUIRED, LOCK_RELEASED,
        LIBC_OPEN, IGNORED;

        /** A tracepoint sample (perf may append the sample's ip and symbol to its line), not a side-band record. */
        boolean tracepoint() {
            return this == FAULT || this == SYSCALL_ENTER || this == SYSCALL_EXIT || this == LOCK_START
                    || this == LOCK_ACQUIRED || this == LOCK_RELEASED || this == LIBC_OPEN;
        }
    }

    private static final Map<String, PerfEventKind> BY_NAME = new HashMap<>();

    /** Side-band records perf may print that say nothing about mappings or tasks. */
    private static final Set<String> IGNORABLE = Set.of("PERF_RECORD_KSYMBOL", "PERF_RECORD_BPF_EVENT",
            "PERF_RECORD_CGROUP", "PERF_RECORD_NAMESPACES", "PERF_RECORD_TEXT_POKE", "PERF_RECORD_LOST",
            "PERF_RECORD_LOST_SAMPLES", "PERF_RECORD_THROTTLE", "PERF_RECORD_UNTHROTTLE", "PERF_RECORD_SWITCH",
            "PERF_RECORD_SWITCH_CPU_WIDE", "PERF_RECORD_AUX", "PERF_RECORD_ITRACE_START", "PERF_RECORD_FINISHED_ROUND");

    static {
        BY_NAME.put("exceptions:page_fault_user", new PerfEventKind(Type.FAULT, null));
        for (Syscall s : Syscall.values()) {
            BY_NAME.put("syscalls:sys_enter_" + s.tracepointName(), new PerfEventKind(Type.SYSCALL_ENTER, s));
            BY_NAME.put("syscalls:sys_exit_" + s.tracepointName(), new PerfEventKind(Type.SYSCALL_EXIT, s));
        }
        BY_NAME.put("mmap_lock:mmap_lock_start_locking", new PerfEventKind(Type.LOCK_START, null));
        BY_NAME.put("mmap_lock:mmap_lock_acquire_returned", new PerfEventKind(Type.LOCK_ACQUIRED, null));
        BY_NAME.put("mmap_lock:mmap_lock_released", new PerfEventKind(Type.LOCK_RELEASED, null));
        // vmalab record --maps-readers: uprobes on the C library's open64/openat64 (record/MapsReaderProbes).
        BY_NAME.put("probe_libc:vmalab_open64", new PerfEventKind(Type.LIBC_OPEN, null));
        BY_NAME.put("probe_libc:vmalab_openat64", new PerfEventKind(Type.LIBC_OPEN, null));
        BY_NAME.put("PERF_RECORD_MMAP2", new PerfEventKind(Type.MMAP2, null));
        BY_NAME.put("PERF_RECORD_MMAP", new PerfEventKind(Type.MMAP, null));
        BY_NAME.put("PERF_RECORD_FORK", new PerfEventKind(Type.FORK, null));
        BY_NAME.put("PERF_RECORD_COMM", new PerfEventKind(Type.COMM, null));
        BY_NAME.put("PERF_RECORD_EXIT", new PerfEventKind(Type.EXIT, null));
        for (String name : IGNORABLE) BY_NAME.put(name, new PerfEventKind(Type.IGNORED, null));
    }

    /** The kind of the named event, or null for an event the importer does not know. */
    static PerfEventKind of(String eventName) {
        return BY_NAME.get(eventName);
    }
}
