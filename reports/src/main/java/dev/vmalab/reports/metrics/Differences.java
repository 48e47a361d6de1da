package dev.vmalab.reports.metrics;

import dev.vmalab.reports.stats.Bootstrap;
import dev.vmalab.reports.stats.Interval;
import dev.vmalab.reports.stats.MannWhitney;
import dev.vmalab.reports.stats.Samples;
import java.util.List;
import java.util.Optional;

/**
 * The across-run test used everywhere in the reports. A difference is significant only when two
 * tests agree: the 95% seeded bootstrap interval of the difference of run means excludes zero,
 * and the two-sided Mann-Whitney U p-value is below 0.05. The percentile bootstrap alone is too
 * eager with the handful of runs a replay makes (with 2 runs a side it calls non-overlapping
 * ranges significant, which happens by chance one time in three); the rank test guards that.
 * When the run counts cannot reach p &lt; 0.05 at all, the judgement is "too few runs".
 */
public final class Differences {
    /** Significance level of both tests: 1 - the bootstrap's confidence. */
    public static final double ALPHA = 1 - Bootstrap.CONFIDENCE;

    private final Bootstrap bootstrap;

    public Differences(Bootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    public static Differences standard() {
        return new Differences(Bootstrap.standard());
    }

    public MetricDifference compare(Metric metric, String baseline, List<RunMeasure> baselineRuns,
            String other, List<RunMeasure> otherRuns) {
        return compare(metric, baseline, values(metric, baselineRuns), other, values(metric, otherRuns));
    }

    public MetricDifference compare(Metric metric, String baseline, double[] a, String other, double[] b) {
        Optional<Interval> interval = a.length >= 2 && b.length >= 2
                ? Optional.of(bootstrap.difference(a, b, Bootstrap.Statistic.MEAN))
                : Optional.empty();
        double p = MannWhitney.pValue(a, b);
        return new MetricDifference(metric, baseline, other, a.length, b.length, Samples.mean(a), Samples.mean(b),
                interval, p, judge(metric, interval, p, a.length, b.length));
    }

    private static Judgement judge(Metric metric, Optional<Interval> interval, double p, int n1, int n2) {
        if (interval.isEmpty() || MannWhitney.smallestPValue(n1, n2) >= ALPHA) return Judgement.TOO_FEW_RUNS;
        Interval i = interval.get();
        if (i.includesZero() || !(p < ALPHA)) return Judgement.INDISTINGUISHABLE;
        boolean otherHigher = i.low() > 0;
        return otherHigher == metric.lowerIsBetter() ? Judgement.WORSE : Judgement.BETTER;
    }

    public static double[] values(Metric metric, List<RunMeasure> runs) {
        return runs.stream().mapToDouble(metric::of).toArray();
    }
}
