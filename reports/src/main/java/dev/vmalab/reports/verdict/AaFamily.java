package dev.vmalab.reports.verdict;

import dev.vmalab.reports.metrics.Differences;
import dev.vmalab.reports.stats.Bootstrap;
import dev.vmalab.reports.stats.Interval;
import dev.vmalab.reports.stats.Samples;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The A/A control judged as one family: the same code compared with itself at every (trace, threads)
 * of a folder. Ten such comparisons at 5 runs a side, each at the timing test's level, call at least
 * one of them different by chance 28% of the time (Mann-Whitney's two-sided p &lt; 0.05 needs U &le; 2
 * of 25, which iid runs give 3.2% of the time), which says nothing about the lab. So:
 *
 * <ul>
 *   <li>each (trace, threads) keeps its own test, its p-value Holm-adjusted over the family
 *       ({@link #holm}): judged different only when the adjusted p is below 0.05 and the interval
 *       excludes zero (at 5 runs a side and 10 rows no single row can be: its smallest p, 0.0079,
 *       times 10 is over 0.05; the pooled test below is the one that can);</li>
 *   <li>one pooled test over all of them ({@link #pooled}): the mean over the rows of control / reference - 1,
 *       its p-value from a stratified permutation test (labels exchanged within each row, which the null
 *       "same code" makes exchangeable; seeded Monte Carlo), its 95% interval from a stratified bootstrap;
 *       judged different when p &lt; 0.05 and the interval excludes zero. A systematic bias of the lab
 *       (an order effect, one strategy always timed in a worse moment) moves every row alike and shows here.</li>
 * </ul>
 */
public final class AaFamily {
    static final int PERMUTATIONS = 10_000;

    /** The pooled A/A result: mean relative difference (percent), its interval (percent) and the permutation p. */
    public record Pooled(int rows, double percent, Interval interval, double p) {
        public boolean judgedDifferent() {
            return p < Differences.ALPHA && !interval.includesZero();
        }
    }

    private AaFamily() {}

    /** Holm's step-down adjustment of {@code p} (same order as given). */
    static double[] holm(double[] p) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double[] out = new double[p.length];
        double running = 0;
        for (int k = 0; k < order.length; k++) {
            running = Math.max(running, Math.min(1, (p.length - k) * p[order[k]]));
            out[order[k]] = running;
        }
        return out;
    }

    /**
     * @param pairs per row, {reference runs, control runs}; rows with fewer than 2 runs a side are left out
     * @return null when no row has 2 runs a side
     */
    static Pooled pooled(List<double[][]> pairs) {
        List<double[][]> use = pairs.stream().filter(x -> x[0].length >= 2 && x[1].length >= 2).toList();
        if (use.isEmpty()) return null;
        double observed = statistic(use);
        SplittableRandom random = new SplittableRandom(Bootstrap.DEFAULT_SEED);
        int extreme = 0;
        List<double[][]> shuffled = use.stream().map(x -> new double[][] {x[0].clone(), x[1].clone()}).toList();
        for (int i = 0; i < PERMUTATIONS; i++) {
            for (int r = 0; r < use.size(); r++) exchange(use.get(r), shuffled.get(r), random);
            if (Math.abs(statistic(shuffled)) >= Math.abs(observed) - 1e-12) extreme++;
        }
        double p = (extreme + 1.0) / (PERMUTATIONS + 1.0);
        double[] boot = new double[Bootstrap.DEFAULT_RESAMPLES];
        List<double[][]> drawn = use.stream().map(x -> new double[][] {new double[x[0].length], new double[x[1].length]}).toList();
        for (int i = 0; i < boot.length; i++) {
            for (int r = 0; r < use.size(); r++) {
                for (int side = 0; side < 2; side++) {
                    double[] from = use.get(r)[side], to = drawn.get(r)[side];
                    for (int j = 0; j < to.length; j++) to[j] = from[random.nextInt(from.length)];
                }
            }
            boot[i] = 100 * statistic(drawn);
        }
        return new Pooled(use.size(), 100 * observed, Bootstrap.percentile(100 * observed, boot), p);
    }

    /** Mean over the rows of mean(control) / mean(reference) - 1. */
    private static double statistic(List<double[][]> rows) {
        double sum = 0;
        for (double[][] r : rows) sum += Samples.mean(r[1]) / Samples.mean(r[0]) - 1;
        return sum / rows.size();
    }

    /** {@code into} = {@code from}'s runs with the labels (reference, control) dealt again at random. */
    private static void exchange(double[][] from, double[][] into, SplittableRandom random) {
        double[] all = new double[from[0].length + from[1].length];
        System.arraycopy(from[0], 0, all, 0, from[0].length);
        System.arraycopy(from[1], 0, all, from[0].length, from[1].length);
        for (int i = all.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        System.arraycopy(all, 0, into[0], 0, into[0].length);
        System.arraycopy(all, into[0].length, into[1], 0, into[1].length);
    }
}
