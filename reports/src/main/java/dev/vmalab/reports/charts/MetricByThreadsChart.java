package dev.vmalab.reports.charts;

import dev.vmalab.reports.metrics.Differences;
import dev.vmalab.reports.metrics.Metric;
import dev.vmalab.reports.metrics.RunMeasure;
import dev.vmalab.reports.stats.Samples;
import java.util.ArrayList;
import java.util.List;

/** A scaling curve: one metric against thread count, one line per strategy, mean over runs +- 1 SD. */
public final class MetricByThreadsChart {
    /** Switch to a log axis when the values span more than this factor (a baseline at 100% fallback, say). */
    private static final double LOG_SPREAD = 100;

    private MetricByThreadsChart() {}

    public static ChartSpec of(String id, String title, Metric metric, List<String> strategies, List<RunMeasure> measures) {
        List<Integer> threads = measures.stream().map(RunMeasure::threads).distinct().sorted().toList();
        List<ChartSeries> series = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (String strategy : strategies) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> sd = new ArrayList<>();
            for (int t : threads) {
                double[] runs = Differences.values(metric, measures.stream()
                        .filter(m -> m.strategy().equals(strategy) && m.threads() == t).toList());
                if (runs.length == 0) continue;
                x.add((double) t);
                y.add(Samples.mean(runs));
                sd.add(Samples.standardDeviation(runs));
            }
            for (double v : y) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (!x.isEmpty()) {
                series.add(ChartSeries.withError(strategy, unbox(x), unbox(y), unbox(sd)));
            }
        }
        boolean log = min > 0 && max / min > LOG_SPREAD;
        String unit = metric.unit().isEmpty() ? (log ? " (log)" : "") : " (" + metric.unit() + (log ? ", log" : "") + ")";
        return new ChartSpec(id, title, "threads", metric.label() + unit, AxisScale.LINEAR,
                log ? AxisScale.LOG : AxisScale.LINEAR, series,
                "summary.csv, " + metric.id() + " per run (lookup-weighted over traces); mean over runs, "
                        + "error = 1 sample SD across runs");
    }

    private static double[] unbox(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
