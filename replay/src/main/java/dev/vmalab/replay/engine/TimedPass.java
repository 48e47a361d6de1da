package dev.vmalab.replay.engine;

import dev.vmalab.replay.measure.CellResult;
import dev.vmalab.replay.measure.CellTiming;
import dev.vmalab.replay.measure.JvmActivity;
import dev.vmalab.replay.paired.PairedCapture;
import java.util.ArrayList;
import java.util.List;

/**
 * One measured repetition of a cell: the cell replayed pass after pass, each pass bracketed by the
 * JVM's GC and JIT counters and the workers' thread CPU clocks, until the undisturbed passes have run
 * {@link CellTiming#MIN_KEPT_MS} ms (a bundled sample's pass can take 1 ms, too short for a mean that
 * a timer tick or one preemption does not move), for {@link CellTiming#MAX_REP_MS} ms at most: a pass
 * the rule calls disturbed is replayed again, boundedly (CellTiming states the rule).
 */
final class TimedPass {
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
        JvmActivity start = JvmActivity.now();
        JvmActivity before = start;
        List<CellResult> passes = new ArrayList<>();
        do {
            CellResult r = CellReplay.run(spec, passes.isEmpty() ? capture : null, target);
            JvmActivity after = JvmActivity.now();
            into.add(r, after.since(before));
            passes.add(r);
            before = after;
        } while (into.keptMsInRep() < CellTiming.MIN_KEPT_MS
                && (before.wallNs() - start.wallNs()) / 1e6 < CellTiming.MAX_REP_MS
                && passes.size() < CellTiming.MAX_PASSES);
        into.endRep(before.since(start));
        return passes;
    }
}
