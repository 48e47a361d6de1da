package dev.vmalab.reports.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.reports.results.ResultFolderReader;
import dev.vmalab.reports.results.VerdictInputs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictCalculatorTest {
    static final String T = "xz-t2";
    static final String SWEEP = "xz-t2@1%";
    static final List<String> ALL = List.of("no-reset", "mas-set", "mas-reset", "full-reinit", "iter-passed-down");
    static final List<String> SAME = List.of("mas-set", "full-reinit", "iter-passed-down");

    @TempDir
    Path dir;

    private Verdict decide(VerdictFixture f) {
        Path d = f.writeTo(dir);
        return VerdictCalculator.standard().decide(ResultFolderReader.read(d), VerdictInputs.read(d));
    }

    /** No-reset cheapest on JVM time, as in issue 12's replay; 5 runs of every strategy and the A/A control. */
    static VerdictFixture timed(VerdictFixture f) {
        f.runs(T, 2, 5, 0, 100_000, 4, 100, "mas-set", "mas-reset", "full-reinit", "iter-passed-down", "mas-set#aa");
        f.runs(T, 2, 5, 0, 100_000, 4, 80, "no-reset");
        return f;
    }

    /** The matrix of issue 12: a fault above a munmapped lower part. */
    static VerdictFixture matrix(VerdictFixture f) {
        for (String s : SAME) f.matrix("munmap-below", s, "LOCKED", 3, 1, false, false);
        f.matrix("munmap-below", "mas-reset", "ABORT_RANGE", 3, 1, true, false);
        f.matrix("munmap-below", "no-reset", "VIOLATION", 1, 0, false, true);
        return f;
    }

    /** The 1% sweep level: mas-reset pays extra aborts through its stale index, the others none. */
    static VerdictFixture sweep(VerdictFixture f) {
        f.runs(SWEEP, 2, 5, 0.01, 100_000, 1_000, 101, "mas-set", "mas-reset", "full-reinit", "iter-passed-down", "mas-set#aa");
        for (int r = 1; r <= 5; r++) {
            for (String s : SAME) f.pairedSummary(SWEEP, 2, r, s, 1_000, 1_000, 0, 3_000, 0, 0);
            f.pairedSummary(SWEEP, 2, r, "mas-reset", 1_000, 700 - r, 300 + r, 3_900, 300 + r, 900);
        }
        return f;
    }

    static VerdictFixture huntAll(VerdictFixture f, long noResetViolations) {
        for (String s : ALL) f.hunt(s, T, s.equals("no-reset") ? noResetViolations : 0);
        return f;
    }

    @Test
    void withoutAHuntNothingIsCorrectAndNoCheapestIsNamed() {
        Verdict v = decide(sweep(matrix(timed(new VerdictFixture()))));
        assertThat(v.status()).isEqualTo(Verdict.Status.CORRECTNESS_NOT_ESTABLISHED);
        assertThat(v.cheapest()).isEmpty();
        assertThat(v.standings()).noneMatch(Standing::correct);
        assertThat(v.headline()).contains("correctness not established");
    }

    @Test
    void theHuntCatchesNoResetAndTheMasSetClassIsCheapestAtOnePercentRetries() {
        Verdict v = decide(huntAll(sweep(matrix(timed(new VerdictFixture()))), 3));
        assertThat(v.status()).isEqualTo(Verdict.Status.CHEAPEST);
        assertThat(v.cheapestClass()).containsExactlyElementsOf(SAME);
        assertThat(v.cheapest()).contains("mas-set");
        Standing noReset = v.standings().stream().filter(s -> s.strategy().equals("no-reset")).findFirst().orElseThrow();
        assertThat(noReset.correct()).isFalse();
        assertThat(noReset.correctness()).isEqualTo(Correctness.CAUGHT);
        assertThat(v.headline()).contains("caught").contains("no-reset").contains("at this workload's 40 retries per million faults (0.004");
        // The workload level: no paired event, the classes cost the same; the 1% level separates them.
        assertThat(v.workload().orElseThrow().separated()).isEmpty();
        Regime sweep = v.regimes().getLast();
        assertThat(sweep.retriesPerMillion()).isEqualTo(10_000);
        assertThat(sweep.separated()).containsExactly("mas-set = full-reinit = iter-passed-down < mas-reset");
        ClassCost reset = sweep.costs().stream().filter(c -> c.className().equals("mas-reset")).findFirst().orElseThrow();
        assertThat(reset.extraAborts()).isEqualTo(5 * 300 + 15);
        assertThat(reset.extraNsPerFault()).isPositive();
        assertThat(v.separatingRetriesPerMillion()).contains(10_000.0);
    }

    /** Issue 12's replay: no-reset cheapest on JVM time, caught by the hunt; no matrix or paired files yet. */
    @Test
    void noResetCaughtByTheHuntIsNeitherCorrectNorCheapestAndTheHeadlineSaysWhy() {
        VerdictFixture f = new VerdictFixture();
        f.runs(T, 2, 4, 0, 20_503, 0, 100, "mas-set", "mas-reset", "mas-set#aa");
        f.runs(T, 2, 4, 0, 20_503, 0, 60, "no-reset");
        for (String s : List.of("no-reset", "mas-set", "mas-reset")) f.hunt(s, T, s.equals("no-reset") ? 196 : 0);
        Verdict v = decide(f);
        assertThat(v.cheapest()).isEmpty();
        assertThat(v.cheapestClass()).doesNotContain("no-reset");
        assertThat(v.standings()).filteredOn(s -> s.strategy().equals("no-reset")).singleElement()
                .satisfies(s -> assertThat(s.correct()).isFalse());
        assertThat(v.headline()).contains("incorrect, caught: no-reset (196 violations in the built-in hunt)")
                .contains("cost not established").contains("0 retries per million faults");
    }

    @Test
    void aHuntThatMissedATraceEstablishesNothing() {
        VerdictFixture f = sweep(matrix(timed(new VerdictFixture())));
        f.run("gcc-hello", "mas-set", 2, 1, 0, 1000, 0, 0, 100, 0);
        Verdict v = decide(huntAll(f, 3));
        assertThat(v.standings()).filteredOn(s -> s.strategy().equals("mas-set")).singleElement()
                .extracting(Standing::correctness).isEqualTo(Correctness.NOT_ESTABLISHED);
    }

    @Test
    void aKnownIncorrectStrategyTheHuntMissedIsNeverCorrectNorCheapest() {
        VerdictFixture f = huntAll(sweep(timed(new VerdictFixture())), 0).property("known_incorrect", "no-reset");
        for (String s : SAME) f.matrix("munmap-below", s, "LOCKED", 3, 1, false, false);
        f.matrix("munmap-below", "no-reset", "LOCKED", 1, 0, false, false); // not caught here either
        f.matrix("munmap-below", "mas-reset", "ABORT_RANGE", 3, 1, true, false);
        Verdict v = decide(f);
        assertThat(v.standings()).filteredOn(s -> s.strategy().equals("no-reset")).singleElement()
                .extracting(Standing::correctness).isEqualTo(Correctness.KNOWN_INCORRECT);
        assertThat(v.cheapestClass()).doesNotContain("no-reset");
        assertThat(v.headline()).contains("known pre-fix code");
    }

    @Test
    void aViolationInTheMeasuredReplayCountsFromSummaryEvenWithACleanHunt() {
        VerdictFixture f = huntAll(sweep(matrix(timed(new VerdictFixture()))), 0);
        f.run("jvm-workers", "full-reinit", 2, 1, 0, 1000, 0, 0, 100, 405);
        for (String s : ALL) f.hunt(s, "jvm-workers", 0);
        Verdict v = decide(f);
        Standing fr = v.standings().stream().filter(s -> s.strategy().equals("full-reinit")).findFirst().orElseThrow();
        assertThat(fr.correctness()).isEqualTo(Correctness.CAUGHT);
        assertThat(fr.violations()).isEqualTo(405);
        assertThat(v.cheapestClass()).as(v.headline()).containsExactly("mas-set", "iter-passed-down");
    }

    @Test
    void aNoisyAaControlKeepsTheClassesTogether() {
        VerdictFixture f = new VerdictFixture();
        f.runs(T, 2, 5, 0, 100_000, 4, 100, "no-reset", "mas-set", "mas-reset", "full-reinit", "iter-passed-down");
        double[] aa = {90, 112, 95, 110, 99}; // the same code, timed 10 ns apart: more than mas-reset's extra cost
        for (int r = 1; r <= 5; r++) f.run(T, "mas-set#aa", 2, r, 0, 100_000, 4, 0, aa[r - 1], 0);
        Verdict v = decide(huntAll(sweep(matrix(f)), 3));
        assertThat(v.noise().ns()).isGreaterThan(1);
        assertThat(v.regimes()).allMatch(r -> r.separated().isEmpty());
        assertThat(v.status()).isEqualTo(Verdict.Status.SAME_COST);
        assertThat(v.cheapest()).isEmpty();
    }

    @Test
    void withoutAnAaControlNoClassIsCalledCheaper() {
        VerdictFixture f = new VerdictFixture();
        f.runs(T, 2, 5, 0, 100_000, 4, 100, "no-reset", "mas-set", "mas-reset", "full-reinit", "iter-passed-down");
        Verdict v = decide(huntAll(sweep(matrix(f)), 3));
        assertThat(v.noise().known()).isFalse();
        assertThat(v.cheapest()).isEmpty();
    }

    @Test
    void oneDifferingPairedEventSplitsAClassAndTheEventsArePairedByRun() {
        VerdictFixture f = huntAll(matrix(timed(new VerdictFixture())), 3);
        for (String s : List.of("mas-set", "full-reinit", "iter-passed-down", "mas-reset")) {
            f.paired(T, 2, 1, 1, s, "LOCKED", 3);
        }
        f.paired(T, 2, 1, 2, "mas-set", "LOCKED", 3);
        f.paired(T, 2, 1, 2, "iter-passed-down", "LOCKED", 3);
        f.paired(T, 2, 1, 2, "full-reinit", "LOCKED", 4); // one more node read on one event: not equivalent
        f.paired(T, 2, 1, 2, "mas-reset", "ABORT_RANGE", 3);
        Verdict v = decide(f);
        assertThat(v.classes()).extracting(EquivalenceClass::name)
                .contains("mas-set = iter-passed-down", "full-reinit", "mas-reset");
    }

    @Test
    void aDisturbedRunIsLeftOutOfTheTiming() {
        VerdictFixture f = huntAll(sweep(matrix(timed(new VerdictFixture()))), 3);
        for (int r = 1; r <= 5; r++) f.timing(T, "mas-set", 2, r, 50, r == 2);
        Verdict v = decide(f);
        Standing ms = v.standings().stream().filter(s -> s.strategy().equals("mas-set")).findFirst().orElseThrow();
        assertThat(ms.runsAtThreads()).isEqualTo(4);
        assertThat(ms.meanLatencyNs()).isEqualTo(50);
    }

    @Test
    void leastSquaresRecoversTheUnitCostsOfSyntheticRows() {
        double[] nodes = {2, 3, 4, 3, 2, 5};
        double[] fallback = {0, 0.1, 0.02, 0.3, 0.5, 0.05};
        double[] y = new double[nodes.length];
        for (int i = 0; i < y.length; i++) y[i] = 20 + 7 * nodes[i] + 400 * fallback[i];
        double[] b = UnitCostEstimate.leastSquares(y, nodes, fallback);
        assertThat(b[1]).isCloseTo(7, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(b[2]).isCloseTo(400, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(UnitCostEstimate.leastSquares(y, nodes, new double[6])).isNull(); // no fallback variation: singular
    }

    @Test
    void classesTiedWithinTheNoiseFloorAreNamedTogetherAndNoCheapestIsNamed() {
        // mas-reset's extra aborts are real but cost less than the A/A noise floor; mmap-lock-only, the
        // baseline without per-VMA locks (every fault an abort), is dearer than both at every level
        VerdictFixture f = matrix(new VerdictFixture());
        f.runs(T, 2, 5, 0, 100_000, 4, 100, "mas-set", "mas-reset", "full-reinit", "iter-passed-down");
        f.runs(T, 2, 5, 0, 100_000, 4, 104, "mas-set#aa"); // the A/A control 4 ns off: the noise floor
        f.runs(T, 2, 5, 0, 100_000, 4, 80, "no-reset");
        for (int r = 1; r <= 5; r++) f.run(T, "mmap-lock-only", 2, r, 0, 100_000, 0, 100_000, 300, 0);
        f.matrix("munmap-below", "mmap-lock-only", "ABORT_NULL", 0, 0, false, false);
        f.runs(SWEEP, 2, 5, 0.01, 100_000, 1_000, 101, "mas-set", "mas-reset", "full-reinit", "iter-passed-down", "mas-set#aa");
        for (int r = 1; r <= 5; r++) {
            f.run(SWEEP, "mmap-lock-only", 2, r, 0.01, 100_000, 0, 100_000, 300, 0);
            for (String s : SAME) f.pairedSummary(SWEEP, 2, r, s, 1_000, 1_000, 0, 3_000, 0, 0);
            f.pairedSummary(SWEEP, 2, r, "mas-reset", 1_000, 999, 1, 3_000, 1, 0);
        }
        for (String s : ALL) f.hunt(s, T, s.equals("no-reset") ? 3 : 0);
        f.hunt("mmap-lock-only", T, 0);
        Verdict v = decide(f);
        assertThat(v.status()).isEqualTo(Verdict.Status.CHEAPEST_TIED);
        assertThat(v.cheapest()).isEmpty();
        assertThat(v.cheapestClass()).containsExactly("mas-set = full-reinit = iter-passed-down", "mas-reset");
        assertThat(v.headline()).startsWith("no single cheapest: tied within the noise floor")
                .contains("mmap-lock-only costs");
    }
}
