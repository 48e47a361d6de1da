package dev.vmalab.reports.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BootstrapTest {
    private static final double[] A = {100, 102, 98, 101, 99};
    private static final double[] SHIFTED = {130, 131, 129, 132, 128};

    @Test
    void theSameSeedGivesTheSameInterval() {
        Interval first = new Bootstrap(7, 2000).difference(A, SHIFTED, Bootstrap.Statistic.MEAN);
        Interval second = new Bootstrap(7, 2000).difference(A, SHIFTED, Bootstrap.Statistic.MEAN);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void theIntervalHoldsTheObservedDifferenceAndExcludesZeroForSeparatedSamples() {
        Interval i = Bootstrap.standard().difference(A, SHIFTED, Bootstrap.Statistic.MEAN);
        assertThat(i.estimate()).isEqualTo(Samples.mean(SHIFTED) - Samples.mean(A));
        assertThat(i.low()).isLessThanOrEqualTo(i.estimate());
        assertThat(i.high()).isGreaterThanOrEqualTo(i.estimate());
        assertThat(i.includesZero()).isFalse();
    }

    @Test
    void aSampleAgainstAPermutationOfItselfIncludesZero() {
        double[] permuted = {99, 101, 100, 98, 102};
        assertThat(Bootstrap.standard().difference(A, permuted, Bootstrap.Statistic.MEAN).includesZero()).isTrue();
        assertThat(Bootstrap.standard().difference(A, permuted, Bootstrap.Statistic.MEDIAN).includesZero()).isTrue();
    }

    @Test
    void theDifferenceIsSecondMinusFirst() {
        assertThat(Bootstrap.standard().difference(SHIFTED, A, Bootstrap.Statistic.MEAN).high()).isLessThan(0);
    }
}
