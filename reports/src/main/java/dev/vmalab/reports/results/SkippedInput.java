package dev.vmalab.reports.results;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code replay --lenient} left out of its traces, from traces.csv's {@code skipped},
 * {@code skipped_by_reason} and {@code ended_at_line} (docs/result-format.md): one sentence per
 * trace that lost rows, for the report's banner and the report command's output. Every strategy
 * replayed the same remaining rows, so the comparison stands; the figures describe less than the
 * recording did.
 */
public final class SkippedInput {
    private SkippedInput() {}

    /** One line per trace with skipped rows or a damaged end; empty when the read was whole (or strict). */
    public static List<String> of(ResultFolder f) {
        List<String> lines = new ArrayList<>();
        for (TraceInfo t : f.traces()) {
            String skipped = t.columns().getOrDefault("skipped", "");
            String reasons = t.columns().getOrDefault("skipped_by_reason", "");
            String ended = t.columns().getOrDefault("ended_at_line", "");
            boolean rows = !skipped.isEmpty() && !skipped.equals("0");
            if (!rows && ended.isEmpty()) continue;
            StringBuilder b = new StringBuilder(t.trace()).append(": ");
            b.append(rows ? skipped : "0").append(" rows skipped (--lenient)");
            if (!reasons.isEmpty()) b.append(": ").append(reasons.replace(";", ", "));
            if (!ended.isEmpty()) b.append("; the input was damaged and ended at line ").append(ended);
            lines.add(b.toString());
        }
        return lines;
    }
}
