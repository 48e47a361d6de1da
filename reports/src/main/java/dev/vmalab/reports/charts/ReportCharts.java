package dev.vmalab.reports.charts;

import dev.vmalab.reports.metrics.Metric;
import dev.vmalab.reports.metrics.RunMeasure;
import dev.vmalab.reports.results.ResultFolder;
import java.util.List;
import java.util.stream.Stream;

/** The charts of a report, grouped by the page section that shows them. */
public record ReportCharts(
        List<ChartSpec> latency,
        List<ChartSpec> retries,
        List<ChartSpec> rates,
        List<ChartSpec> scaling,
        List<ChartSpec> nodes) {

    public static ReportCharts of(ResultFolder folder, List<RunMeasure> measures) {
        List<String> strategies = folder.strategies();
        List<Integer> threads = folder.threadCounts();
        int most = threads.getLast();
        List<ChartSpec> latency = folder.latencies().isEmpty() ? List.of()
                : threads.reversed().stream().map(t -> LatencyPercentileChart.of(t, strategies, folder.latencies())).toList();
        List<ChartSpec> retries = folder.retries().isEmpty() ? List.of()
                : List.of(RetryDistributionChart.of(most, strategies, folder.retries()));
        List<ChartSpec> rates = List.of(
                MetricByThreadsChart.of("rate-abort", "Abort rate (VMA_LOCK_ABORT) by threads", Metric.ABORT_RATE, strategies, measures),
                MetricByThreadsChart.of("rate-fallback", "Fallback to mmap_read_lock by threads", Metric.FALLBACK_RATE, strategies, measures),
                MetricByThreadsChart.of("rate-miss", "Walk retries (VMA_LOCK_MISS) per lookup by threads", Metric.MISSES_PER_LOOKUP, strategies, measures));
        List<ChartSpec> scaling = List.of(
                MetricByThreadsChart.of("scaling-throughput", "Throughput by threads", Metric.THROUGHPUT, strategies, measures),
                MetricByThreadsChart.of("scaling-p99", "p99 lookup latency by threads", Metric.P99_LATENCY, strategies, measures),
                MetricByThreadsChart.of("scaling-mean", "Mean lookup latency by threads", Metric.MEAN_LATENCY, strategies, measures));
        List<ChartSpec> nodes = List.of(
                MetricByThreadsChart.of("nodes-per-lookup", "Maple nodes read per lookup by threads", Metric.NODES_PER_LOOKUP, strategies, measures));
        return new ReportCharts(latency, retries, rates, scaling, nodes);
    }

    public List<ChartSpec> all() {
        return Stream.of(latency, retries, rates, scaling, nodes).flatMap(List::stream).toList();
    }
}
