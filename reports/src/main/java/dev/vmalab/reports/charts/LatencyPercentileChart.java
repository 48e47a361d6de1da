package dev.vmalab.reports.charts;

import dev.vmalab.reports.results.LatencyLog;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The latency percentile distribution at one thread count, one line per strategy, drawn like
 * HdrHistogram's percentile plots: x = 1/(1-p) on a log axis so the tail gets as much room as the
 * body. Each line merges every run and trace of the strategy (the distribution of all lookups).
 */
public final class LatencyPercentileChart {
    /** Percentile points per halving of the remaining tail, as in HdrHistogram's percentile output. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private LatencyPercentileChart() {}

    public static ChartSpec of(int threads, List<String> strategies, List<LatencyLog> logs) {
        List<ChartSeries> series = new ArrayList<>();
        for (String strategy : strategies) {
            List<LatencyLog> mine = logs.stream()
                    .filter(l -> l.key().strategy().equals(strategy) && l.key().threads() == threads).toList();
            if (mine.isEmpty()) continue;
            Histogram merged = new Histogram(3);
            merged.setAutoResize(true);
            mine.forEach(l -> merged.add(l.histogram()));
            series.add(line(strategy, merged));
        }
        return new ChartSpec("latency-percentiles-t" + threads,
                "Lookup latency by percentile, " + threads + " thread" + (threads == 1 ? "" : "s"),
                "percentile", "latency (ns, log)", AxisScale.PERCENTILE_TAIL, AxisScale.LOG, series,
                "histograms/*__t" + threads + "__r*.hlog, all runs and traces of a strategy added; "
                        + "x = 1/(1 - percentile/100)");
    }

    static ChartSeries line(String name, Histogram h) {
        List<double[]> points = new ArrayList<>();
        for (HistogramIterationValue v : h.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double p = v.getPercentileLevelIteratedTo() / 100.0;
            if (p >= 1.0) break; // 1/(1-p) is infinite at the maximum
            points.add(new double[] {1 / (1 - p), h.highestEquivalentValue(v.getValueIteratedTo())});
        }
        return ChartSeries.of(name, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
    }
}
