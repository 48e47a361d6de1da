package dev.vmalab.reports.verdict;

import dev.vmalab.reports.metrics.Differences;
import dev.vmalab.reports.metrics.Judgement;
import dev.vmalab.reports.metrics.Metric;
import dev.vmalab.reports.metrics.MetricDifference;
import dev.vmalab.reports.metrics.RunMeasure;
import dev.vmalab.reports.stats.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the A/B rows from per-run measures and prints them in compare-kernels' layout. */
public final class AbTable {
    static final List<Metric> METRICS = List.of(Metric.MEAN_LATENCY, Metric.P99_LATENCY, Metric.THROUGHPUT,
            Metric.ABORT_RATE, Metric.MISSES_PER_LOOKUP, Metric.NODES_PER_LOOKUP);

    private AbTable() {}

    static List<AbRow> rows(String base, Map<String, List<RunMeasure>> runs, Differences differences) {
        List<AbRow> out = new ArrayList<>();
        List<RunMeasure> b = runs.getOrDefault(base, List.of());
        if (b.isEmpty()) return out;
        for (Metric m : METRICS) {
            double[] bv = Differences.values(m, b);
            for (var e : runs.entrySet()) {
                if (e.getKey().equals(base) || e.getValue().isEmpty()) continue;
                double[] ov = Differences.values(m, e.getValue());
                MetricDifference d = differences.compare(m, base, bv, e.getKey(), ov);
                String mark = d.judgement() == Judgement.TOO_FEW_RUNS ? "?" : d.judgement().significant() ? "*" : " ";
                out.add(new AbRow(m.label(), m.unit(), base, Samples.mean(bv), Samples.standardDeviation(bv), e.getKey(),
                        Samples.mean(ov), Samples.standardDeviation(ov), d.percentChange(), mark));
            }
        }
        return out;
    }

    /** Plain text: one block per metric, base first, each strategy with its change and mark. */
    public static String text(List<AbRow> rows, int threads) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "vmalab A/B at %d threads: mean (± sample SD) over runs; %%change vs base; * significant, ? too few runs%n",
                threads));
        String metric = null;
        for (AbRow r : rows) {
            if (!r.metric().equals(metric)) {
                metric = r.metric();
                b.append(String.format(Locale.ROOT, "%n%-38s %-20s %14s (±%10s)%n", metric + (r.unit().isEmpty() ? "" : " (" + r.unit() + ")"),
                        r.base() + " (base)", fmt(r.baseMean()), fmt(r.baseSd())));
            }
            b.append(String.format(Locale.ROOT, "%-38s %-20s %14s (±%10s) %s %8s%%%n", "", r.strategy(), fmt(r.mean()),
                    fmt(r.sd()), r.mark(), Double.isNaN(r.percentChange()) ? "n/a"
                            : String.format(Locale.ROOT, "%+.2f", r.percentChange())));
        }
        return b.toString();
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "n/a";
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
