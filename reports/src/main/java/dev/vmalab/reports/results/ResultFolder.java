package dev.vmalab.reports.results;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Everything a replay wrote into one result folder (docs/result-format.md), parsed.
 *
 * @param machine machine.properties in file order; empty when the file is absent
 * @param jfrFiles jfr/*.jfr, relative to {@code dir}
 * @param flameGraphs flame/*.html, relative to {@code dir}
 */
public record ResultFolder(
        Path dir,
        List<SummaryRow> summary,
        List<ViolationRow> violations,
        List<RetryCount> retries,
        List<LatencyLog> latencies,
        List<TraceInfo> traces,
        SequencedMap<String, String> machine,
        List<Path> jfrFiles,
        List<Path> flameGraphs) {

    /** Strategy names in the order they first appear in summary.csv (the order the replay ran them). */
    public List<String> strategies() {
        return summary.stream().map(SummaryRow::strategy).distinct().toList();
    }

    /** Thread counts present in summary.csv, ascending. */
    public List<Integer> threadCounts() {
        return summary.stream().map(SummaryRow::threads).distinct().sorted().toList();
    }

    /**
     * Violations per strategy over every run: summary.csv's counts, or violations.csv's rows when
     * that file lists more (either source alone is enough to call a strategy incorrect).
     */
    public Map<String, Long> violationsByStrategy() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SummaryRow r : summary) counts.merge(r.strategy(), r.violations(), Long::sum);
        Map<String, Long> listed = new LinkedHashMap<>();
        for (ViolationRow v : violations) listed.merge(v.key().strategy(), 1L, Long::sum);
        listed.forEach((s, n) -> counts.merge(s, n, Math::max));
        return counts;
    }

    public String name() {
        Path n = dir.toAbsolutePath().normalize().getFileName();
        return n == null ? dir.toString() : n.toString();
    }
}
