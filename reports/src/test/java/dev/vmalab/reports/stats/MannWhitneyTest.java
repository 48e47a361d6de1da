package dev.vmalab.reports.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MannWhitneyTest {
    private static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }

    @Test
    void completelySeparatedSamplesGetTheSmallestExactPValue() {
        double[] low = {1, 2, 3, 4, 5};
        double[] high = {6, 7, 8, 9, 10};
        // Only 2 of the C(10,5) orderings are this extreme (all low first, or all high first).
        assertThat(MannWhitney.pValue(low, high)).isCloseTo(2 / binomial(10, 5), within(1e-12));
        assertThat(MannWhitney.pValue(high, low)).isCloseTo(2 / binomial(10, 5), within(1e-12));
    }

    @Test
    void theSmallestPossiblePValueIsTheMostExtremeOrdering() {
        assertThat(MannWhitney.smallestPValue(5, 5))
                .isCloseTo(MannWhitney.pValue(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10}), within(1e-12));
        assertThat(MannWhitney.smallestPValue(3, 3)).isCloseTo(2 / binomial(6, 3), within(1e-12));
        assertThat(MannWhitney.smallestPValue(1, 1)).isEqualTo(1.0);
    }

    @Test
    void interleavedSamplesShowNoDifference() {
        assertThat(MannWhitney.pValue(new double[] {1, 3, 5, 7, 9}, new double[] {2, 4, 6, 8, 10})).isGreaterThan(0.5);
    }

    @Test
    void theNormalApproximationAgreesWithTheExactTestOnLargerSamples() {
        SplittableRandom r = new SplittableRandom(3);
        double[] a = new double[15];
        double[] b = new double[15];
        for (int i = 0; i < 15; i++) {
            a[i] = r.nextGaussian();
            b[i] = r.nextGaussian() + 0.8;
        }
        double exact = MannWhitney.pValue(a, b);
        double[] tiedA = a.clone();
        tiedA[1] = tiedA[0]; // one tie forces the normal approximation on nearly the same data
        assertThat(MannWhitney.pValue(tiedA, b)).isCloseTo(exact, within(0.05));
    }

    @Test
    void allEqualValuesGiveNoEvidence() {
        assertThat(MannWhitney.pValue(new double[] {5, 5, 5}, new double[] {5, 5, 5})).isEqualTo(1.0);
    }
}
