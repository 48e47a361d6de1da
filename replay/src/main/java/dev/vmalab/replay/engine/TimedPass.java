package dev.vmalab.replay.engine;

import dev.vmalab.replay.measure.CellResult;
import dev.vmalab.replay.measure.CellTiming;
import dev.vmalab.replay.measure.JvmActivity;
import dev.vmalab.replay.paired.PairedCapture;
import java.util.ArrayList;
import java.util.List;

/**
 * One measured repetition of a cell, bracketed by the JVM's CPU, GC and JIT counters: the cell
 * replayed once, and again until the repetition has run {@value #MIN_REP_MS} ms (a bundled sample's
 * cell can take 0.3 ms, too short for a mean that a timer tick or one preemption does not move).
 */
final class TimedPass {
    static final double MIN_REP_MS = 20;
    /** At most this many replays in one repetition. */
    static final int MAX_PASSES = 200;

    private TimedPass() {}

    /** @return the repetition's replays, the first being the cell's result */
    static List<CellResult> run(CellReplay.Spec spec, CellTiming into) {
        return run(spec, into, null, 0);
    }

    /**
     * @param capture the first replay's -EAGAINs for paired accounting (null: none)
     * @param target  the contention sweep's target (0: the trace's own contention)
     */
    static List<CellResult> run(CellReplay.Spec spec, CellTiming into, PairedCapture capture, double target) {
        JvmActivity before = JvmActivity.now();
        List<CellResult> passes = new ArrayList<>();
        do {
            passes.add(CellReplay.run(spec, passes.isEmpty() ? capture : null, target));
        } while ((System.nanoTime() - before.wallNs()) / 1e6 < MIN_REP_MS && passes.size() < MAX_PASSES);
        into.add(passes, JvmActivity.now().since(before));
        return passes;
    }
}
