package dev.vmalab.reports.verdict;

import dev.vmalab.reports.metrics.RunMeasure;
import dev.vmalab.reports.metrics.RunMeasures;
import dev.vmalab.reports.results.RunKey;
import dev.vmalab.reports.results.SummaryRow;
import dev.vmalab.reports.results.TimingCsv;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-run measures the timing comparisons use: summary.csv's, with the mean latency taken
 * from timing.csv's repetitions when the replay wrote them (lookup-weighted over traces), and
 * without the runs timing.csv marks disturbed (GC or JIT above {@link CheapestRule}'s shares of
 * the run's wall time): a disturbed run still counts for correctness, never for timing.
 */
final class TimedRuns {
    private TimedRuns() {}

    static List<RunMeasure> of(List<SummaryRow> rows, List<TimingCsv.Row> timing) {
        Map<RunKey, TimingCsv.Row> byKey = new HashMap<>();
        for (TimingCsv.Row t : timing) byKey.put(t.key(), t);
        java.util.Set<String> disturbed = new java.util.HashSet<>();
        for (SummaryRow r : rows) {
            TimingCsv.Row t = byKey.get(r.key());
            if (t != null && t.disturbed()) disturbed.add(group(r));
        }
        List<SummaryRow> kept = rows.stream().filter(r -> !disturbed.contains(group(r))).toList();
        List<RunMeasure> folded = RunMeasures.of(kept);
        if (byKey.isEmpty()) return folded;
        Map<String, double[]> repMeans = new HashMap<>(); // group -> {weighted sum, lookups, rows without timing}
        for (SummaryRow r : kept) {
            TimingCsv.Row t = byKey.get(r.key());
            double[] acc = repMeans.computeIfAbsent(group(r), g -> new double[3]);
            if (t == null) acc[2]++;
            else {
                acc[0] += t.meanNs() * r.lookups();
                acc[1] += r.lookups();
            }
        }
        return folded.stream().map(m -> {
            double[] acc = repMeans.get(m.strategy() + "|" + m.threads() + "|" + m.run());
            if (acc == null || acc[2] > 0 || acc[1] == 0) return m;
            return new RunMeasure(m.strategy(), m.threads(), m.run(), m.lookups(), m.abort(), m.miss(), m.fallback(),
                    m.violations(), acc[0] / acc[1], m.p50Ns(), m.p99Ns(), m.p999Ns(), m.nodesPerLookup(), m.lookupsPerS());
        }).toList();
    }

    private static String group(SummaryRow r) {
        return r.strategy() + "|" + r.threads() + "|" + r.key().run();
    }
}
