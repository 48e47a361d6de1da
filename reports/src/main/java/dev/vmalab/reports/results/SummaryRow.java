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
        long violations,
        double wallMs,
        double lookupsPerS,
        long retry) {

    /** A row of a folder without the retry column. */
    public SummaryRow(RunKey key, long seed, long lookups, long success, long abort, long miss, long fallback,
                      long retryMax, double p50Ns, double p90Ns, double p99Ns, double p999Ns, double maxNs,
                      double meanNs, double nodesPerLookup, long useAfterFree, long staleNode, long rcuNotHeld,
                      long wrongVma, long violations, double wallMs, double lookupsPerS) {
        this(key, seed, lookups, success, abort, miss, fallback, retryMax, p50Ns, p90Ns, p99Ns, p999Ns, maxNs, meanNs,
                nodesPerLookup, useAfterFree, staleNode, rcuNotHeld, wrongVma, violations, wallMs, lookupsPerS, 0);
    }

    public String strategy() {
        return key.strategy();
    }

    public int threads() {
        return key.threads();
    }
}
