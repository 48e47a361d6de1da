package dev.vmalab.reports.metrics;

import java.util.function.ToDoubleFunction;

/** A figure the verdict and the A/B comparison test across runs, with the direction that is better. */
public enum Metric {
    MEAN_LATENCY("mean_ns", "mean latency per lookup", "ns", true, RunMeasure::meanNs),
    P50_LATENCY("p50_ns", "p50 latency", "ns", true, RunMeasure::p50Ns),
    P99_LATENCY("p99_ns", "p99 latency", "ns", true, RunMeasure::p99Ns),
    P999_LATENCY("p999_ns", "p99.9 latency", "ns", true, RunMeasure::p999Ns),
    THROUGHPUT("lookups_per_s", "throughput", "lookups/s", false, RunMeasure::lookupsPerS),
    ABORT_RATE("abort_rate", "abort rate", "% of lookups", true, m -> 100.0 * m.abort() / m.lookups()),
    FALLBACK_RATE("fallback_rate", "fallback rate", "% of lookups", true, m -> 100.0 * m.fallback() / m.lookups()),
    MISSES_PER_LOOKUP("miss_per_lookup", "retries (misses) per lookup", "", true, m -> (double) m.miss() / m.lookups()),
    NODES_PER_LOOKUP("nodes_per_lookup", "maple nodes read per lookup", "", true, RunMeasure::nodesPerLookup);

    private final String id;
    private final String label;
    private final String unit;
    private final boolean lowerIsBetter;
    private final ToDoubleFunction<RunMeasure> value;

    Metric(String id, String label, String unit, boolean lowerIsBetter, ToDoubleFunction<RunMeasure> value) {
        this.id = id;
        this.label = label;
        this.unit = unit;
        this.lowerIsBetter = lowerIsBetter;
        this.value = value;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }

    public double of(RunMeasure m) {
        return value.applyAsDouble(m);
    }
}
