package dev.vmalab.reports.results;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.Set;

/**
 * Reads summary.csv and checks the identities the format promises (success + abort + retry =
 * lookups; the optional retry column, VMA_LOCK_RETRY, reads as 0 where a folder predates it).
 */
final class SummaryCsv {
    static final List<String> COLUMNS = List.of("trace", "strategy", "threads", "run", "seed", "lookups",
            "success", "abort", "miss", "fallback", "retry_max", "p50_ns", "p90_ns", "p99_ns", "p999_ns",
            "max_ns", "mean_ns", "nodes_per_lookup", "use_after_free", "stale_node", "rcu_not_held",
            "wrong_vma", "violations", "wall_ms", "lookups_per_s");
    /** Added with the RCU-section oracle; a folder written before it has no such column (read as 0). */
    static final String STALE_RCU_SECTION = "stale_rcu_section";

    /** VMA_LOCK_RETRY; optional (added after the columns above). */
    static final String RETRY = "retry";
    /** The contention sweep's level of a row (replay --contention); optional, 0 when absent. */
    static final String CONTENTION = "contention_target";

    private SummaryCsv() {}

    /** The rows at the traces' own contention ({@code contention_target} 0 or absent): what the report shows. */
    static List<SummaryRow> read(Path file) {
        List<SummaryRow> rows = levels(file).getOrDefault(0.0, List.of());
        if (rows.isEmpty()) throw new ResultFormatException(file, 0, "has a header but no rows at contention_target 0");
        return rows;
    }

    /**
     * Every row by {@code contention_target} (the sweep's levels; 0 = the traces' own contention): one row per
     * (trace, strategy, threads, run) at each level.
     */
    static Map<Double, List<SummaryRow>> levels(Path file) {
        Map<Double, Set<RunKey>> seen = new HashMap<>();
        Map<Double, List<SummaryRow>> out = new TreeMap<>();
        List<SummaryRow> rows = CsvRecords.read(file, COLUMNS, l -> {
            SummaryRow r = row(l);
            double level = l.record().isMapped(CONTENTION) ? l.doubleValue(CONTENTION) : 0;
            if (level < 0 || level > 1) throw l.error("column contention_target: " + level + " is not a fraction of faults (0..1)");
            if (!seen.computeIfAbsent(level, k -> new HashSet<>()).add(r.key())) {
                throw l.error("a second row for " + r.key() + " at contention_target " + level
                        + " (one row per trace, strategy, threads, run and level)");
            }
            out.computeIfAbsent(level, k -> new ArrayList<>()).add(r);
            return r;
        });
        if (rows.isEmpty()) throw new ResultFormatException(file, 0, "has a header but no rows");
        return out;
    }

    private static SummaryRow row(CsvRecords.Line l) {
        SummaryRow r = new SummaryRow(l.runKey(), l.longValue("seed"), l.longValue("lookups"),
                l.longValue("success"), l.longValue("abort"), l.longValue("miss"), l.longValue("fallback"),
                l.longValue("retry_max"), l.doubleValue("p50_ns"), l.doubleValue("p90_ns"),
                l.doubleValue("p99_ns"), l.doubleValue("p999_ns"), l.doubleValue("max_ns"),
                l.doubleValue("mean_ns"), l.doubleValue("nodes_per_lookup"), l.longValue("use_after_free"),
                l.longValue("stale_node"), l.longValue("rcu_not_held"), l.longValue("wrong_vma"),
                l.longValueOr(STALE_RCU_SECTION, 0), l.longValue("violations"), l.doubleValue("wall_ms"),
                l.doubleValue("lookups_per_s"), l.longValueOr(RETRY, 0));
        if (r.lookups() <= 0) throw l.error("lookups must be positive, is " + r.lookups());
        if (r.retry() < 0) throw l.error("column retry: " + r.retry() + " is negative");
        if (r.success() + r.abort() + r.retry() != r.lookups()) {
            throw l.error("success + abort + retry (" + r.success() + " + " + r.abort() + " + " + r.retry()
                    + ") != lookups (" + r.lookups() + ")");
        }
        long kinds = r.useAfterFree() + r.staleNode() + r.rcuNotHeld() + r.wrongVma() + r.staleRcuSection();
        if (kinds != r.violations()) {
            throw l.error("violations (" + r.violations() + ") is not the sum of the kind columns (" + kinds + ")");
        }
        if (r.wallMs() < 0 || r.lookupsPerS() <= 0) throw l.error("wall_ms must be >= 0 and lookups_per_s > 0");
        return r;
    }
}
