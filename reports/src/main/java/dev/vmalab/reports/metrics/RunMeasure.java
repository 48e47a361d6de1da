package dev.vmalab.reports.metrics;

/**
 * The figures of one run of one strategy at one thread count, over all traces of that run.
 * Counts are summed; means are lookup-weighted; percentiles are lookup-weighted means of the
 * per-trace percentiles (exact with one trace, an approximation with several).
 */
public record RunMeasure(
        String strategy,
        int threads,
        int run,
        long lookups,
        long abort,
        long miss,
        long fallback,
        long violations,
        double meanNs,
        double p50Ns,
        double p99Ns,
        double p999Ns,
        double nodesPerLookup,
        double lookupsPerS) {}
