package dev.vmalab.reports.metrics;

import dev.vmalab.reports.stats.Interval;
import java.util.Optional;

/**
 * One metric of {@code other} against {@code baseline}: the run means, the 95% bootstrap interval
 * of (other - baseline) when both sides have at least two runs, and the Mann-Whitney p-value.
 */
public record MetricDifference(
        Metric metric,
        String baseline,
        String other,
        int baselineRuns,
        int otherRuns,
        double baselineMean,
        double otherMean,
        Optional<Interval> interval,
        double mannWhitneyP,
        Judgement judgement) {

    /** (other - baseline) / baseline in percent; NaN when the baseline is zero. */
    public double percentChange() {
        if (baselineMean == 0) return otherMean == 0 ? 0 : Double.NaN;
        return 100 * (otherMean - baselineMean) / Math.abs(baselineMean);
    }
}
