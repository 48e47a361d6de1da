package dev.vmalab.reports.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.reports.metrics.Judgement;
import dev.vmalab.reports.metrics.Metric;
import dev.vmalab.reports.metrics.MetricDifference;
import dev.vmalab.reports.metrics.RunMeasure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictCalculatorTest {
    private final VerdictCalculator calculator = VerdictCalculator.standard();

    /** Five runs of a strategy at a thread count: latency and throughput vary by the given offsets. */
    private static List<RunMeasure> runs(String strategy, int threads, double meanNs, double lookupsPerS, double... noise) {
        List<RunMeasure> out = new ArrayList<>();
        for (int r = 0; r < noise.length; r++) {
            out.add(new RunMeasure(strategy, threads, r + 1, 10_000, 10, 5, 10, 0, meanNs + noise[r], meanNs,
                    meanNs * 3, meanNs * 6, 3.2, lookupsPerS * (1 + noise[r] / 1000)));
        }
        return out;
    }

    private static final double[] NOISE = {-2, -1, 0, 1, 2};
    private static final double[] OTHER_NOISE = {1, -2, 2, 0, -1};

    @SafeVarargs
    private static List<RunMeasure> all(List<RunMeasure>... parts) {
        List<RunMeasure> out = new ArrayList<>();
        for (List<RunMeasure> p : parts) out.addAll(p);
        return out;
    }

    @Test
    void aStrategyWellBelowTheOthersIsTheClearWinner() {
        Verdict v = calculator.decide(all(
                runs("mas-set", 8, 100, 1e6, NOISE),
                runs("mas-reset", 8, 130, 1e6, NOISE),
                runs("full-reinit", 8, 160, 1e6, NOISE)), Map.of());

        assertThat(v.status()).isEqualTo(Verdict.Status.CLEAR);
        assertThat(v.cheapest()).contains("mas-set");
        assertThat(v.threads()).isEqualTo(8);
        assertThat(v.evidence()).filteredOn(d -> d.metric() == CheapestRule.PRIMARY)
                .extracting(MetricDifference::other, MetricDifference::judgement)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("mas-reset", Judgement.WORSE),
                        org.assertj.core.groups.Tuple.tuple("full-reinit", Judgement.WORSE));
        assertThat(v.evidence()).filteredOn(d -> d.metric() == CheapestRule.PRIMARY)
                .allSatisfy(d -> assertThat(d.interval().orElseThrow().low()).isGreaterThan(0));
    }

    @Test
    void overlappingRunsAreReportedAsIndistinguishableNotAsAWinner() {
        Verdict v = calculator.decide(all(
                runs("mas-set", 8, 100, 1e6, NOISE),
                runs("iter-passed-down", 8, 100, 1e6, OTHER_NOISE),
                runs("full-reinit", 8, 150, 1e6, NOISE)), Map.of());

        assertThat(v.status()).isEqualTo(Verdict.Status.INDISTINGUISHABLE);
        assertThat(List.of(v.cheapest().orElseThrow(), v.indistinguishableFrom().getFirst()))
                .containsExactlyInAnyOrder("mas-set", "iter-passed-down");
        assertThat(v.evidence()).filteredOn(d -> d.other().equals("full-reinit") && d.metric() == CheapestRule.PRIMARY)
                .singleElement().extracting(MetricDifference::judgement).isEqualTo(Judgement.WORSE);
        assertThat(v.headline()).contains("indistinguishable");
    }

    @Test
    void withoutASignificantDifferenceTheLowestMeanLatencyIsNamedWithItsRivals() {
        // iter-passed-down: 1 ns dearer (within the noise) but a little more throughput (also within the noise).
        Verdict v = calculator.decide(all(
                runs("mas-set", 8, 100, 1e6, NOISE),
                runs("iter-passed-down", 8, 101, 1.001e6, OTHER_NOISE)), Map.of());

        assertThat(v.status()).isEqualTo(Verdict.Status.INDISTINGUISHABLE);
        assertThat(v.cheapest()).contains("mas-set");
        assertThat(v.indistinguishableFrom()).containsExactly("iter-passed-down");
    }

    @Test
    void twoRunsASideCannotProveADifferenceHoweverFarApart() {
        Verdict v = calculator.decide(all(runs("mas-set", 8, 100, 1e6, -1, 1), runs("mas-reset", 8, 500, 1e6, -1, 1)),
                Map.of());

        assertThat(v.evidence()).extracting(MetricDifference::judgement).containsOnly(Judgement.TOO_FEW_RUNS);
        assertThat(v.cheapest()).contains("mas-set");
        assertThat(v.status()).isEqualTo(Verdict.Status.INDISTINGUISHABLE);
    }

    @Test
    void aLatencyTieIsBrokenByClearlyHigherThroughput() {
        List<RunMeasure> fast = runs("iter-passed-down", 8, 100, 2e6, OTHER_NOISE);
        Verdict v = calculator.decide(all(runs("mas-set", 8, 100, 1e6, NOISE), fast), Map.of());

        assertThat(v.status()).isEqualTo(Verdict.Status.TIE_BROKEN_BY_THROUGHPUT);
        assertThat(v.cheapest()).contains("iter-passed-down");
        assertThat(v.tiedOnLatency()).containsExactly("mas-set");
    }

    @Test
    void theCheapestStrategyWithViolationsIsIncorrectAndNeverNamed() {
        Verdict v = calculator.decide(all(
                runs("no-reset", 8, 60, 1e6, NOISE),
                runs("mas-set", 8, 100, 1e6, NOISE),
                runs("mmap-lock-only", 8, 400, 1e6, NOISE)), Map.of("no-reset", 3L));

        assertThat(v.cheapest()).contains("mas-set");
        assertThat(v.incorrect()).containsExactly("no-reset");
        assertThat(v.evidence()).noneMatch(d -> d.other().equals("no-reset") || d.baseline().equals("no-reset"));
        assertThat(v.headline()).contains("incorrect").contains("no-reset");
    }

    @Test
    void theBaselineWithoutPerVmaLocksIsAValidCandidate() {
        Verdict v = calculator.decide(all(
                runs("no-reset", 8, 60, 1e6, NOISE),
                runs("mmap-lock-only", 8, 90, 1e6, NOISE),
                runs("mas-set", 8, 100, 1e6, NOISE)), Map.of("no-reset", 1L));

        assertThat(v.cheapest()).contains("mmap-lock-only");
    }

    @Test
    void costsAreComparedAtTheHighestThreadCount() {
        Verdict v = calculator.decide(all(
                runs("mas-set", 1, 100, 1e6, NOISE), runs("mas-reset", 1, 200, 1e6, NOISE),
                runs("mas-set", 16, 300, 1e6, NOISE), runs("mas-reset", 16, 200, 1e6, NOISE)), Map.of());

        assertThat(v.threads()).isEqualTo(16);
        assertThat(v.cheapest()).contains("mas-reset");
    }

    @Test
    void everyStrategyViolatingMeansNoVerdict() {
        Verdict v = calculator.decide(all(runs("no-reset", 8, 60, 1e6, NOISE), runs("mas-reset", 8, 70, 1e6, NOISE)),
                Map.of("no-reset", 1L, "mas-reset", 2L));

        assertThat(v.status()).isEqualTo(Verdict.Status.NO_CORRECT_STRATEGY);
        assertThat(v.cheapest()).isEmpty();
        assertThat(v.incorrect()).containsExactly("no-reset", "mas-reset");
    }

    @Test
    void aSingleRunCannotProveADifference() {
        Verdict v = calculator.decide(all(runs("mas-set", 8, 100, 1e6, 0), runs("mas-reset", 8, 200, 1e6, 0)), Map.of());

        assertThat(v.status()).isNotEqualTo(Verdict.Status.CLEAR);
        assertThat(v.evidence()).extracting(MetricDifference::judgement).containsOnly(Judgement.TOO_FEW_RUNS);
    }

    @Test
    void evidenceCoversEveryMetricForEveryOtherCandidate() {
        Verdict v = calculator.decide(all(runs("a", 4, 100, 1e6, NOISE), runs("b", 4, 150, 1e6, NOISE),
                runs("c", 4, 190, 1e6, NOISE)), Map.of());

        assertThat(v.evidence()).hasSize(2 * Metric.values().length);
    }
}
