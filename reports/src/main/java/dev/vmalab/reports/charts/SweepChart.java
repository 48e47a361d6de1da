package dev.vmalab.reports.charts;

import dev.vmalab.reports.verdict.ClassCost;
import dev.vmalab.reports.verdict.Regime;
import dev.vmalab.reports.verdict.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The contention sweep: each correct class's extra cost per fault against the retry rate each level reached. */
public final class SweepChart {
    public static final String ID = "sweep-cost";

    private SweepChart() {}

    public static ChartSpec of(Verdict v) {
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        boolean allPositive = true;
        for (Regime r : v.regimes()) {
            allPositive &= r.retriesPerMillion() > 0;
            for (ClassCost c : r.costs()) {
                double half = c.interval().map(i -> (i.high() - i.low()) / 2).orElse(0.0);
                points.computeIfAbsent(c.className(), k -> new ArrayList<>())
                        .add(new double[] {r.retriesPerMillion(), c.extraNsPerFault(), half});
            }
        }
        List<ChartSeries> series = new ArrayList<>();
        points.forEach((name, ps) -> series.add(ChartSeries.withError(name, ps.stream().mapToDouble(p -> p[0]).toArray(),
                ps.stream().mapToDouble(p -> p[1]).toArray(), ps.stream().mapToDouble(p -> p[2]).toArray())));
        if (v.noise().known() && !v.regimes().isEmpty()) {
            double[] x = v.regimes().stream().mapToDouble(Regime::retriesPerMillion).toArray();
            double[] y = new double[x.length];
            java.util.Arrays.fill(y, v.noise().ns());
            series.add(ChartSeries.of("A/A noise floor", x, y));
        }
        return new ChartSpec(ID, "Extra cost per fault against the retry rate reached (vs " + v.reference() + ")",
                "retries (VMA_LOCK_MISS) per million faults, reached" + (allPositive ? " (log)" : ""),
                "extra ns per fault (paired extra work x unit costs)", allPositive ? AxisScale.LOG : AxisScale.LINEAR,
                AxisScale.LINEAR, series, "paired-summary.csv extra_aborts, extra_nodes x unit costs ("
                        + v.unitCosts().source() + ") / summary.csv lookups of " + v.reference()
                        + "; x = summary.csv miss / lookups at each contention_target; error = half the 95% interval over runs");
    }
}
