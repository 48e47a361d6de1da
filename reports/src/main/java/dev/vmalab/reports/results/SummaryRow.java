package dev.vmalab.reports.results;

/**
 * One row of summary.csv: counters and latency figures of one (trace, strategy, threads, run).
 * {@code retry} is VMA_LOCK_RETRY (0 in folders written before the column existed).
 */
public record SummaryRow(
        RunKey key,
        long seed,
        long lookups,
        long success,
        long abort,
        long miss,
        long fallback,
        long retryMax,
        double p50Ns,
        double p90Ns,
        double p99Ns,
        double p999Ns,
        double maxNs,
        double meanNs,
        double nodesPerLookup,
        long useAfterFree,
        long staleNode,
        long rcuNotHeld,
        long wrongVma,
        long staleRcuSection,
        long violations,
        double wallMs,
        double lookupsPerS,
        long retry) {

    public String strategy() {
        return key.strategy();
    }

    public int threads() {
        return key.threads();
    }
}
