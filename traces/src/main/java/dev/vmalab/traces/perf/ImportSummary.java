package dev.vmalab.traces.perf;

import dev.vmalab.traces.event.KernelFaultOutcome;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an import produced and what it skipped: events by type (the {@code event}
 * column's names), processes and threads seen, mappings inferred from faults,
 * faults that still hit no mapping, syscalls left without an exit at the end,
 * lines skipped by problem (lenient mode) and lines ignored on purpose by reason, and the kernel's
 * outcomes of the faults (empty when the recording has no mmap_lock records), and the line a damaged
 * input ended at (lenient; 0 when it was read to its end).
 */
public record ImportSummary(long lines, Map<String, Long> eventsByType, long processes, long threads,
                            long inferredMappings, long faultsHittingNothing, long unfinishedSyscalls,
                            Map<ImportProblem, Long> skipped, Map<String, Long> ignored,
                            Map<KernelFaultOutcome, Long> kernelOutcomes, long endedAtLine) {
    public ImportSummary {
        eventsByType = Map.copyOf(eventsByType);
        skipped = Map.copyOf(skipped);
        ignored = Map.copyOf(ignored);
        kernelOutcomes = Map.copyOf(kernelOutcomes);
    }

    public long events() {
        return eventsByType.values().stream().mapToLong(Long::longValue).sum();
    }

    public long events(String type) {
        return eventsByType.getOrDefault(type, 0L);
    }

    public long skippedLines() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The summary as the {@code import} command prints it. */
    public String format() {
        StringBuilder b = new StringBuilder();
        b.append("lines read              ").append(lines).append('\n');
        b.append("events written          ").append(events()).append('\n');
        eventsByType.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append(String.format("  %-23s %d%n", e.getKey(), e.getValue())));
        b.append("processes               ").append(processes).append('\n');
        b.append("threads                 ").append(threads).append('\n');
        b.append("inferred mappings       ").append(inferredMappings).append('\n');
        b.append("faults hitting nothing  ").append(faultsHittingNothing).append('\n');
        b.append("unfinished syscalls     ").append(unfinishedSyscalls).append('\n');
        if (kernelOutcomes.isEmpty() && events("fault") > 0) {
            b.append("kernel fault outcomes   unknown (no mmap_lock tracepoint records in the input)\n");
        } else if (!kernelOutcomes.isEmpty()) {
            b.append("kernel fault outcomes   (mmap_lock tracepoints)\n");
            for (KernelFaultOutcome o : KernelFaultOutcome.values()) {
                if (kernelOutcomes.containsKey(o)) {
                    b.append(String.format("  %-23s %d%n", o.name().toLowerCase(java.util.Locale.ROOT), kernelOutcomes.get(o)));
                }
            }
        }
        b.append("skipped lines           ").append(skippedLines()).append('\n');
        skipped.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append(String.format("  %-23s %d%n", e.getKey().label(), e.getValue())));
        if (endedAtLine > 0) {
            b.append("input ended at line     ").append(endedAtLine).append(" (damaged; the lines before it were imported)\n");
        }
        if (!ignored.isEmpty()) {
            b.append("ignored lines           ")
                    .append(ignored.values().stream().mapToLong(Long::longValue).sum()).append('\n');
            b.append(ignored.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> String.format("  %-23s %d%n", e.getKey(), e.getValue())).collect(Collectors.joining()));
        }
        return b.toString();
    }
}
