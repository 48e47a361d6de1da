package dev.vmalab.reports.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Seeded percentile bootstrap of the difference of a statistic between two independent samples
 * (one value per run). Each resample draws both samples with replacement; the interval is the
 * (alpha/2, 1 - alpha/2) quantiles of the resampled differences. A fixed seed makes a report
 * reproducible: rendering the same folder twice gives the same intervals.
 */
public final class Bootstrap {
    public static final long DEFAULT_SEED = 0x5EED_2025L;
    public static final int DEFAULT_RESAMPLES = 10_000;
    public static final double CONFIDENCE = 0.95;

    public enum Statistic {
        MEAN(Samples::mean),
        MEDIAN(Samples::median);

        private final ToDoubleFunction<double[]> f;

        Statistic(ToDoubleFunction<double[]> f) {
            this.f = f;
        }

        double of(double[] xs) {
            return f.applyAsDouble(xs);
        }
    }

    private final long seed;
    private final int resamples;

    public Bootstrap(long seed, int resamples) {
        this.seed = seed;
        this.resamples = resamples;
    }

    public static Bootstrap standard() {
        return new Bootstrap(DEFAULT_SEED, DEFAULT_RESAMPLES);
    }

    /** Interval of statistic(b) - statistic(a). Both samples need at least two values. */
    public Interval difference(double[] a, double[] b, Statistic statistic) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("bootstrap needs at least 2 runs per side, got " + a.length + " and " + b.length);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] diffs = new double[resamples];
        double[] ra = new double[a.length];
        double[] rb = new double[b.length];
        for (int i = 0; i < resamples; i++) {
            for (int j = 0; j < ra.length; j++) ra[j] = a[random.nextInt(a.length)];
            for (int j = 0; j < rb.length; j++) rb[j] = b[random.nextInt(b.length)];
            diffs[i] = statistic.of(rb) - statistic.of(ra);
        }
        return percentile(statistic.of(b) - statistic.of(a), diffs);
    }

    /** The {@link #CONFIDENCE} percentile interval of resampled {@code draws} (sorted here) around {@code estimate}. */
    public static Interval percentile(double estimate, double[] draws) {
        Arrays.sort(draws);
        double tail = (1 - CONFIDENCE) / 2;
        return new Interval(estimate, Samples.quantileOfSorted(draws, tail), Samples.quantileOfSorted(draws, 1 - tail));
    }
}
