package dev.vmalab.reports.compare;

import dev.vmalab.reports.metrics.MetricDifference;

/** One line of an A/B comparison: a metric of one strategy at one thread count, A against B. */
public record CompareRow(String strategy, int threads, MetricDifference difference) {}
