package dev.vmalab.replay.engine;

import dev.vmalab.replay.measure.CellResult;
import dev.vmalab.replay.measure.CellTiming;
import dev.vmalab.replay.measure.JvmActivity;

/** One measured replay of a cell, bracketed by the JVM's CPU, GC and JIT counters. */
final class TimedPass {
    private TimedPass() {}

    static CellResult run(CellReplay.Spec spec, CellTiming into) {
        JvmActivity before = JvmActivity.now();
        CellResult r = CellReplay.run(spec);
        into.add(r, JvmActivity.now().since(before));
        return r;
    }
}
