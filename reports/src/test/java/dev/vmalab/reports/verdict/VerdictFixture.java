package dev.vmalab.reports.verdict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small result folder for the verdict's tests, written line by line as the replay and the
 * matrix/paired accounting would: summary.csv (with contention_target), hunt.csv, matrix.csv,
 * paired-summary.csv, paired.csv, timing.csv and machine.properties, each only when given rows.
 */
final class VerdictFixture {
    private final List<String> summary = new ArrayList<>();
    private final List<String> hunt = new ArrayList<>();
    private final List<String> matrix = new ArrayList<>();
    private final List<String> pairedSummary = new ArrayList<>();
    /** The contention level each trace's rows were given (paired-summary.csv rows carry it too). */
    private final java.util.Map<String, Double> levelOf = new java.util.HashMap<>();
    private final List<String> paired = new ArrayList<>();
    private final List<String> timing = new ArrayList<>();
    private final List<String> timingRaw = new ArrayList<>();
    private final List<String> machine = new ArrayList<>();

    /** One summary row: lookups faults, the given misses, aborts and violations, mean latency meanNs. */
    VerdictFixture run(String trace, String strategy, int threads, int run, double contention, long lookups, long miss,
                       long abort, double meanNs, long violations) {
        levelOf.put(trace, contention);
        summary.add(String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%d,%d,%d,%d,%d,1,%.1f,%.1f,%.1f,%.1f,%.1f,%.3f,3.0,%d,0,0,0,%d,10.0,%d,%s",
                trace, strategy, threads, run, 100 + run, lookups, lookups - abort, abort, miss, abort, meanNs, meanNs,
                meanNs * 3, meanNs * 5, meanNs * 9, meanNs, violations, violations, lookups * 100, contention));
        return this;
    }

    /** Runs 1..runs of each strategy, mean latency base + a small per-run wobble the same for every strategy. */
    VerdictFixture runs(String trace, int threads, int runs, double contention, long lookups, long miss, double meanNs,
                        String... strategies) {
        double[] wobble = {-1.5, 0.5, 1.0, -0.5, 0.25, -0.25, 0.75, -0.75};
        for (String s : strategies) {
            for (int r = 1; r <= runs; r++) run(trace, s, threads, r, contention, lookups, miss, 0, meanNs + wobble[(r - 1) % 8], 0);
        }
        return this;
    }

    VerdictFixture hunt(String strategy, String trace, long violations) {
        hunt.add(strategy + "," + trace + ",1," + 5000 + "," + violations + ","
                + (violations > 0 ? "./vmalab replay " + trace + " --strategies " + strategy + " --deterministic" : ""));
        return this;
    }

    VerdictFixture matrix(String scenario, String strategy, String outcome, long nodes, long walks, boolean staleIndex,
                          boolean violation) {
        matrix.add(String.join(",", scenario, strategy, outcome, Long.toString(nodes), Long.toString(walks),
                Boolean.toString(staleIndex), "false", Boolean.toString(violation)));
        return this;
    }

    VerdictFixture pairedSummary(String trace, int threads, int run, String strategy, long events, long locked,
                                 long abortRange, long nodes, long extraAborts, long extraNodes) {
        pairedSummary.add(String.format(Locale.ROOT, "%s,%d,%d,%s,%d,%d,%d,0,0,0,%d,%d,%d,%d,%s", trace, threads, run, strategy,
                events, locked, abortRange, nodes, events, extraAborts, extraNodes,
                java.math.BigDecimal.valueOf(levelOf.getOrDefault(trace, 0.0)).toPlainString()));
        return this;
    }

    VerdictFixture paired(String trace, int threads, int run, long event, String strategy, String outcome, long nodes) {
        paired.add(String.format(Locale.ROOT, "%s,%d,%d,%d,%s,0x7f0000001000,munmap-below,%s,%d,1,false,false,false",
                trace, threads, run, event, strategy, outcome, nodes));
        return this;
    }

    VerdictFixture timing(String trace, String strategy, int threads, int run, double meanNs, boolean disturbed) {
        return timing(trace, strategy, threads, run, meanNs, disturbed, 10, disturbed ? 2 : 8);
    }

    /** A timing.csv row with its passes replayed and kept. */
    VerdictFixture timing(String trace, String strategy, int threads, int run, double meanNs, boolean disturbed,
                          int passes, int keptPasses) {
        return timing(trace, strategy, threads, run, meanNs, disturbed, passes, keptPasses, Double.NaN);
    }

    /** ... and its mean before the machine factor (raw_mean_ns; NaN: a folder written before it, no such column). */
    VerdictFixture timing(String trace, String strategy, int threads, int run, double meanNs, boolean disturbed,
                          int passes, int keptPasses, double rawMeanNs) {
        timing.add(String.format(Locale.ROOT, "%s,%s,%d,%d,5,5,%.3f,100.0,110.0,0,0.0,1.0,%s,%d,%d", trace, strategy, threads,
                run, meanNs, disturbed, passes, keptPasses));
        timingRaw.add(Double.isNaN(rawMeanNs) ? null : String.format(Locale.ROOT, "%.3f", rawMeanNs));
        return this;
    }

    VerdictFixture property(String key, String value) {
        machine.add(key + "=" + value);
        return this;
    }

    Path writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            write(dir.resolve("summary.csv"), "trace,strategy,threads,run,seed,lookups,success,abort,miss,fallback,"
                    + "retry_max,p50_ns,p90_ns,p99_ns,p999_ns,max_ns,mean_ns,nodes_per_lookup,use_after_free,stale_node,"
                    + "rcu_not_held,wrong_vma,violations,wall_ms,lookups_per_s,contention_target", summary);
            if (!hunt.isEmpty()) write(dir.resolve("hunt.csv"), "strategy,trace,seeds,steps,violations,repro", hunt);
            if (!matrix.isEmpty()) {
                write(dir.resolve("matrix.csv"), "scenario,strategy,outcome,nodes_read,walks_from_root,stale_index,"
                        + "stale_node,violation", matrix);
            }
            if (!pairedSummary.isEmpty()) {
                write(dir.resolve("paired-summary.csv"), "trace,threads,run,strategy,events,locked,abort_range,abort_null,"
                        + "eagain_again,violations,nodes_read,walks_from_root,extra_aborts,extra_nodes,contention_target", pairedSummary);
            }
            if (!paired.isEmpty()) {
                write(dir.resolve("paired.csv"), "trace,threads,run,event,strategy,address,scenario,outcome,nodes_read,"
                        + "walks_from_root,stale_index,stale_node,violation", paired);
            }
            if (!timing.isEmpty() && timingRaw.stream().allMatch(java.util.Objects::isNull)) {
                write(dir.resolve("timing.csv"), "trace,strategy,threads,run,reps,kept_reps,mean_ns,wall_ms,cpu_ms,"
                        + "gc_count,gc_ms,jit_ms,disturbed,passes,kept_passes", timing);
            } else if (!timing.isEmpty()) {
                List<String> rows = new ArrayList<>();
                for (int i = 0; i < timing.size(); i++) {
                    String raw = timingRaw.get(i);
                    rows.add(timing.get(i) + "," + (raw != null ? raw : timing.get(i).split(",")[6]));
                }
                write(dir.resolve("timing.csv"), "trace,strategy,threads,run,reps,kept_reps,mean_ns,wall_ms,cpu_ms,"
                        + "gc_count,gc_ms,jit_ms,disturbed,passes,kept_passes,raw_mean_ns", rows);
            }
            if (!machine.isEmpty()) Files.write(dir.resolve("machine.properties"), machine);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String header, List<String> rows) throws IOException {
        List<String> lines = new ArrayList<>(List.of(header));
        lines.addAll(rows);
        Files.write(file, lines);
    }
}
