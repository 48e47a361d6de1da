package dev.vmalab.replay.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.replay.measure.CommonSlowdown.Pass;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommonSlowdownTest {
    /** Cells a, b, c, each with a pass every 20 ms from {@code from} to {@code to} ms, at {@code ns}. */
    private static void passes(List<Pass> out, String cell, double from, double to, double ns) {
        for (double t = from; t < to; t += 20) out.add(new Pass(cell, t, ns));
    }

    @Test
    void aPassIsDisturbedWhenTheOtherCellsAroundItWereSlowToo() {
        List<Pass> p = new ArrayList<>();
        for (String cell : List.of("a", "b")) {
            passes(p, cell, 0, 2000, 100);
            passes(p, cell, 2000, 2500, 150); // the machine 1.5x slower from 2.0 to 2.5 s
            passes(p, cell, 2500, 6000, 100);
        }
        p.add(new Pass("c", 1000, 80));    // c measured while the machine was fine
        p.add(new Pass("c", 1020, 80));
        p.add(new Pass("c", 2200, 120));   // ... and while it was slow
        p.add(new Pass("c", 4000, 80));
        boolean[] slow = CommonSlowdown.flag(p);
        assertThat(slow[p.size() - 4]).isFalse();
        assertThat(slow[p.size() - 2]).isTrue();
        assertThat(slow[p.size() - 1]).isFalse();
    }

    @Test
    void aCellsOwnSlowPassesMarkNothingWhenTheOthersWereFine() {
        List<Pass> p = new ArrayList<>();
        passes(p, "a", 0, 4000, 100);
        passes(p, "b", 0, 4000, 100);
        int first = p.size();
        passes(p, "c", 0, 4000, 100);
        for (int i = first; i < p.size(); i += 3) p.set(i, new Pass("c", p.get(i).startMs(), 300)); // c itself bimodal
        boolean[] slow = CommonSlowdown.flag(p);
        for (boolean s : slow) assertThat(s).isFalse();
    }

    @Test
    void aPassOverTwiceItsOwnCellsMedianIsAnOutlierWhenTheMachineWasFine() {
        List<Pass> p = new ArrayList<>();
        passes(p, "a", 0, 4000, 100);
        passes(p, "b", 0, 4000, 100);
        passes(p, "c", 0, 4000, 100);
        p.add(new Pass("c", 2010, 250)); // deoptimised code: c alone 2.5x
        p.add(new Pass("c", 2030, 190)); // 1.9x: within 2x, stays
        CommonSlowdown.Verdict[] v = CommonSlowdown.judge(p);
        assertThat(v[p.size() - 2]).isEqualTo(CommonSlowdown.Verdict.OUTLIER);
        assertThat(v[p.size() - 1]).isEqualTo(CommonSlowdown.Verdict.KEPT);
    }

    @Test
    void withTooFewWitnessesNothingIsMarked() {
        List<Pass> p = new ArrayList<>();
        passes(p, "a", 0, 80, 150);  // 4 passes of one other cell only, all slow against... themselves
        p.add(new Pass("a", 5000, 100));
        p.add(new Pass("c", 40, 100));
        boolean[] slow = CommonSlowdown.flag(p);
        assertThat(slow[p.size() - 1]).isFalse();
    }
}
