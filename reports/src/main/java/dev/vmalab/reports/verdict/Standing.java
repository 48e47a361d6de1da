package dev.vmalab.reports.verdict;

/**
 * One strategy's place in the verdict.
 *
 * @param violations violations over every trace, thread count and run
 * @param runsAtThreads runs measured at the verdict's thread count (0: not run there)
 * @param meanLatencyNs mean over runs of the primary metric at that thread count (NaN when not run)
 * @param throughput mean over runs of lookups/s at that thread count (NaN when not run)
 */
public record Standing(String strategy, long violations, int runsAtThreads, double meanLatencyNs, double throughput) {
    public boolean correct() {
        return violations == 0;
    }
}
