package dev.vmalab.replay.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vmalab.replay.measure.CommonSlowdown.Judgement;
import dev.vmalab.replay.measure.CommonSlowdown.Pass;
import dev.vmalab.replay.measure.CommonSlowdown.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommonSlowdownTest {
    /** Strategy {@code s} at 1 thread, a pass every 10 ms from {@code from} to {@code to} ms (offset so none coincide), at {@code ns}. */
    private static void passes(List<Pass> out, String s, double from, double to, double ns) {
        double offset = s.length() + s.charAt(0) % 7;
        for (double t = from; t < to; t += 10) out.add(pass(s, 1, t + offset, ns));
    }

    private static Pass pass(String strategy, int threads, double startMs, double ns) {
        return new Pass("trace|" + strategy + "|" + threads, strategy, threads, startMs, ns);
    }

    /** The last pass of {@code p}'s judgement. */
    private static Judgement last(List<Pass> p) {
        return CommonSlowdown.judge(p)[p.size() - 1];
    }

    @Test
    void aPassMeasuredWhileTheOtherStrategiesRanSlowIsDividedByTheirSlowdown() {
        List<Pass> p = new ArrayList<>();
        for (String s : List.of("a", "b")) {
            passes(p, s, 0, 2000, 100);
            passes(p, s, 2000, 2500, 140); // the machine 1.4x slower from 2.0 to 2.5 s
            passes(p, s, 2500, 6000, 100);
        }
        passes(p, "c", 0, 6000, 80);
        p.add(pass("c", 1, 2201, 112)); // c measured in the slow episode
        Judgement j = last(p);
        assertThat(j.verdict()).isEqualTo(Verdict.KEPT);
        assertThat(j.factor()).isCloseTo(1.4, within(1e-9));
        assertThat(p.getLast().meanNs() / j.factor()).isCloseTo(80, within(1e-9));
        p.add(pass("c", 1, 1001, 80)); // ... and while the machine was at its usual speed
        assertThat(last(p).factor()).isEqualTo(1.0);
    }

    @Test
    void aStrategysOwnSlowPassesAreNotTakenOutWhenTheOthersWereFine() {
        List<Pass> p = new ArrayList<>();
        passes(p, "a", 0, 4000, 100);
        passes(p, "b", 0, 4000, 100);
        int first = p.size();
        passes(p, "c", 0, 4000, 100);
        for (int i = first; i < p.size(); i += 3) p.set(i, pass("c", 1, p.get(i).startMs(), 150)); // c itself bimodal
        Judgement[] j = CommonSlowdown.judge(p);
        for (int i = first; i < p.size(); i++) {
            assertThat(j[i].factor()).isEqualTo(1.0);
            assertThat(j[i].verdict()).isEqualTo(Verdict.KEPT);
        }
    }

    @Test
    void aFactorBeyondTheBoundLeavesThePassOutInsteadOfCorrectingIt() {
        List<Pass> p = new ArrayList<>();
        for (String s : List.of("a", "b")) {
            passes(p, s, 0, 2000, 100);
            passes(p, s, 2000, 2300, 300); // 3x: too far from the usual speed for a linear correction
            passes(p, s, 2300, 4000, 100);
        }
        passes(p, "c", 0, 4000, 100);
        p.add(pass("c", 1, 2101, 300));
        assertThat(last(p).verdict()).isEqualTo(Verdict.MACHINE);
    }

    @Test
    void aPassOverTwiceItsOwnCellsMedianAfterTheFactorIsAnOutlier() {
        List<Pass> p = new ArrayList<>();
        passes(p, "a", 0, 4000, 100);
        passes(p, "b", 0, 4000, 100);
        passes(p, "c", 0, 4000, 100);
        p.add(pass("c", 1, 2001, 250)); // deoptimised code: c alone 2.5x
        assertThat(last(p).verdict()).isEqualTo(Verdict.OUTLIER);
        p.add(pass("c", 1, 2031, 190)); // 1.9x: within 2x, stays
        assertThat(last(p).verdict()).isEqualTo(Verdict.KEPT);
    }

    @Test
    void withTooFewWitnessesThePassStaysAsMeasured() {
        List<Pass> p = new ArrayList<>();
        passes(p, "a", 0, 4000, 100);
        p.add(pass("a", 1, 2001, 150));
        p.add(pass("b", 1, 9000, 100)); // the one other strategy, far away in time
        p.add(pass("c", 1, 2002, 100));
        Judgement j = last(p);
        assertThat(j.adjusted()).isFalse();
        assertThat(j.factor()).isEqualTo(1.0);
    }

    @Test
    void theAaControlIsNoWitnessOfItsOwnReferenceNorIsAnotherThreadCount() {
        List<Pass> p = new ArrayList<>();
        passes(p, "mas-set#aa", 0, 4000, 150); // the same code: its slowdowns may be the strategy's own
        for (double t = 0; t < 4000; t += 10) p.add(pass("b", 2, t + 3, 150)); // other threads: another machine load
        passes(p, "mas-set", 0, 4000, 100);
        p.add(pass("mas-set", 1, 2001, 130));
        Judgement j = last(p);
        assertThat(j.witnesses()).isZero();
        assertThat(j.factor()).isEqualTo(1.0);
        assertThat(CommonSlowdown.strategyOf("mas-set#aa")).isEqualTo("mas-set");
    }
}
