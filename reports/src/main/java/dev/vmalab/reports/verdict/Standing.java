package dev.vmalab.reports.verdict;

/**
 * One strategy's place in the verdict.
 *
 * @param violations violations over every trace, thread count and run of the replay (summary.csv)
 * @param huntViolations violations the hunts found (hunt.csv); huntSteps: model steps they ran
 * @param huntRepro the command that finds the hunt's first violation again (empty when clean or no hunt)
 * @param equivalenceClass the name of its class (see {@link EquivalenceClass})
 * @param runsAtThreads timed runs at the verdict's thread count (0: not run there)
 * @param meanLatencyNs mean over those runs of the mean latency per lookup (NaN when not run)
 * @param sdLatencyNs sample standard deviation of the same
 * @param throughput mean over runs of lookups/s at that thread count (NaN when not run)
 */
public record Standing(String strategy, Correctness correctness, long violations, long huntViolations, long huntSteps,
                       String huntRepro, String equivalenceClass, int runsAtThreads, double meanLatencyNs,
                       double sdLatencyNs, double throughput) {
    public boolean correct() {
        return correctness == Correctness.CORRECT;
    }
}
