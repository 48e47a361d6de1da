package dev.vmalab.traces.perf;

import dev.vmalab.traces.event.KernelFaultOutcome;
import dev.vmalab.traces.event.ProcessStart;
import dev.vmalab.traces.event.ThreadStart;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.format.TraceCsv;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** Running counts of one import; {@link #summary()} freezes them. Counters only, so memory stays flat. */
final class ImportCounters {
    long lines;
    long processes;
    long threads;
    long inferredMappings;
    long faultsHittingNothing;
    long unfinishedSyscalls;
    /** The line a damaged input ended at (lenient), 0 when read to its end. */
    long endedAtLine;
    private final Map<String, Long> events = new HashMap<>();
    private final Map<ImportProblem, Long> skipped = new EnumMap<>(ImportProblem.class);
    private final Map<String, Long> ignored = new HashMap<>();
    private final Map<KernelFaultOutcome, Long> kernelOutcomes = new EnumMap<>(KernelFaultOutcome.class);

    void kernelOutcome(KernelFaultOutcome o) {
        if (o != KernelFaultOutcome.UNKNOWN) kernelOutcomes.merge(o, 1L, Long::sum);
    }

    void emitted(TraceEvent e, boolean newProcess) {
        events.merge(TraceCsv.eventName(e), 1L, Long::sum);
        if (e instanceof ProcessStart && newProcess) {
            processes++;
            threads++;
        } else if (e instanceof ThreadStart) {
            threads++;
        }
    }

    void skipped(ImportProblem p) {
        skipped.merge(p, 1L, Long::sum);
    }

    void ignored(String reason) {
        ignored.merge(reason, 1L, Long::sum);
    }

    ImportSummary summary() {
        return new ImportSummary(lines, events, processes, threads, inferredMappings, faultsHittingNothing,
                unfinishedSyscalls, skipped, ignored, kernelOutcomes, endedAtLine);
    }
}
