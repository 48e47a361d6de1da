package dev.vmalab.reports.verdict;

import dev.vmalab.reports.metrics.Metric;

/**
 * What "cheapest" means. Kept as data so the README, the page and the code state the same rule.
 */
public final class CheapestRule {
    public static final Metric PRIMARY = Metric.MEAN_LATENCY;
    public static final Metric TIE_BREAK = Metric.THROUGHPUT;

    public static final String TEXT = "Only strategies with zero violations over every trace, thread count and run "
            + "are candidates. Among them, the cheapest has the lowest mean latency per lookup at the highest "
            + "thread count all of them ran (one value per run: lookup-weighted over traces). A rival is "
            + "dearer only when the difference is significant: the 95% bootstrap interval of the difference of "
            + "run means (10,000 seeded resamples) excludes zero and the two-sided Mann-Whitney U p-value is "
            + "below 0.05. If rivals are indistinguishable on latency, one that has significantly higher "
            + "throughput (lookups/s) than all the others in that group wins; otherwise the lowest mean latency "
            + "is named together with the strategies it cannot be told apart from.";

    private CheapestRule() {}
}
