package dev.vmalab.reports.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vmalab.reports.metrics.Differences;
import dev.vmalab.reports.stats.MannWhitney;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The A/A control as one family: Holm's adjustment per row, one pooled permutation test over the rows. */
class AaFamilyTest {
    @Test
    void holmMultipliesTheSmallestPByTheRowsAndKeepsTheOrder() {
        double[] adjusted = AaFamily.holm(new double[] {0.04, 0.01, 0.03});
        // sorted 0.01, 0.03, 0.04 -> 0.03, 0.06, 0.06 (never below the step before), back in the given order
        assertThat(adjusted[1]).isCloseTo(0.03, within(1e-12));
        assertThat(adjusted[2]).isCloseTo(0.06, within(1e-12));
        assertThat(adjusted[0]).isCloseTo(0.06, within(1e-12));
        assertThat(AaFamily.holm(new double[] {0.5, 0.9})).containsExactly(1.0, 1.0);
    }

    /** Ten rows of 5 runs a side, the control {@code bias} above the reference, 1% noise (seeded). */
    private static List<double[][]> rows(double bias, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<double[][]> out = new ArrayList<>();
        for (int row = 0; row < 10; row++) {
            double[] ref = new double[5], ctl = new double[5];
            for (int i = 0; i < 5; i++) {
                ref[i] = 100 * (1 + 0.01 * gaussian(r));
                ctl[i] = 100 * (1 + bias + 0.01 * gaussian(r));
            }
            out.add(new double[][] {ref, ctl});
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void theSameCodeIsNotJudgedDifferentPooled() {
        int judged = 0;
        for (long seed = 1; seed <= 20; seed++) if (AaFamily.pooled(rows(0, seed)).judgedDifferent()) judged++;
        assertThat(judged).isLessThanOrEqualTo(3); // a 5% test: about 1 in 20 by chance, seeded so the count is fixed
    }

    @Test
    void aBiasNoRowShowsAfterHolmIsCaughtPooled() {
        List<double[][]> biased = rows(0.012, 7); // +1.2%: about one noise SD, every row alike
        double[] p = biased.stream().mapToDouble(x -> MannWhitney.pValue(x[0], x[1])).toArray();
        for (double h : AaFamily.holm(p)) assertThat(h).isGreaterThanOrEqualTo(Differences.ALPHA); // 5 runs a side, 10 rows
        AaFamily.Pooled pooled = AaFamily.pooled(biased);
        assertThat(pooled.judgedDifferent()).isTrue();
        assertThat(pooled.percent()).isCloseTo(1.2, within(0.5));
        assertThat(pooled.interval().low()).isPositive();
    }

    @Test
    void rowsWithFewerThanTwoRunsASideAreLeftOut() {
        List<double[][]> one = new ArrayList<>();
        one.add(new double[][] {{100}, {101, 102}});
        assertThat(AaFamily.pooled(one)).isNull();
    }
}
