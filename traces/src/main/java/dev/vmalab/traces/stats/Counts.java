package dev.vmalab.traces.stats;

import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.format.TraceCsv;
import java.util.Map;
import java.util.TreeMap;

/** Events by type for one process or thread, plus the faults that raced a change by another thread. */
public final class Counts {
    private final Map<String, Long> byType = new TreeMap<>();
    private long racyFaults;

    void add(TraceEvent e) {
        byType.merge(TraceCsv.eventName(e), 1L, Long::sum);
    }

    void racyFault() {
        racyFaults++;
    }

    public long of(String type) {
        return byType.getOrDefault(type, 0L);
    }

    public long total() {
        return byType.values().stream().mapToLong(Long::longValue).sum();
    }

    public long racyFaults() {
        return racyFaults;
    }

    public Map<String, Long> byType() {
        return Map.copyOf(byType);
    }

    /** Syscalls that change mappings (map, unmap, protect, remap, brk, advise). */
    public long syscalls() {
        return of("map") + of("unmap") + of("protect") + of("remap") + of("brk") + of("advise");
    }
}
