package dev.vmalab.replay.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The machine, not the strategy, was slow: a pass is disturbed when the undisturbed passes of
 * <em>other</em> cells that started within {@value #WINDOW_MS} ms of it ran, by their median, more
 * than {@value #SLOW_RATIO} times their own cell's median (over all its runs). On a shared machine
 * every cell replayed at such a moment is slower at once (measured: 1.4-1.5x for 0.3-1.5 s, with the
 * workers on their cores all along, so the CPU rule cannot see it), and a whole run of a small
 * replay can fall inside one such episode. The witnesses are other cells, each measured against
 * itself, so a strategy's own cost, steady or not, marks nothing: only a slowdown common to the cells
 * around it does. At least {@value #MIN_WITNESSES} witness passes from {@value #MIN_WITNESS_CELLS}
 * other cells are needed, else the pass stays (forked cells, each in its own JVM at its own time,
 * rarely have any).
 *
 * <p>And one slowdown that is the cell's own but not its strategy's: a pass more than
 * {@value #OUTLIER_RATIO} times its cell's median (over all its runs). Same events, same code: a
 * replay twice as slow is the JVM running deoptimised code until C2 compiles it again (measured on a
 * loaded machine: one cell at 4-5x for seconds, no JIT time until the recompile ends, the other cells
 * fine), not the cost of the strategy. A real difference between strategies is a difference between
 * cells, which this never compares; variation within 2x stays in.
 */
public final class CommonSlowdown {
    public static final double WINDOW_MS = 250;
    public static final double SLOW_RATIO = 1.10;
    public static final int MIN_WITNESSES = 5;
    public static final int MIN_WITNESS_CELLS = 2;
    public static final double OUTLIER_RATIO = 2.0;

    /** What the rule says of a pass. */
    public enum Verdict { KEPT, MACHINE, OUTLIER }

    /** An undisturbed pass: its cell (trace, strategy, threads), its start (epoch ms) and its mean latency. */
    public record Pass(String cell, double startMs, double meanNs) {}

    private CommonSlowdown() {}

    /** @return for each pass of {@code passes}, whether the machine was slow when it ran or the pass is an outlier */
    public static Verdict[] judge(List<Pass> passes) {
        Map<String, List<Double>> byCell = new HashMap<>();
        for (Pass p : passes) byCell.computeIfAbsent(p.cell(), c -> new ArrayList<>()).add(p.meanNs());
        Map<String, Double> reference = new HashMap<>();
        byCell.forEach((c, v) -> reference.put(c, CellTiming.median(v.stream().mapToDouble(Double::doubleValue).toArray())));
        Integer[] order = new Integer[passes.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> passes.get(i).startMs()));
        double[] start = new double[order.length];
        double[] ratio = new double[order.length];
        for (int k = 0; k < order.length; k++) {
            Pass p = passes.get(order[k]);
            start[k] = p.startMs();
            double ref = reference.get(p.cell());
            ratio[k] = ref > 0 ? p.meanNs() / ref : 1;
        }
        Verdict[] slow = new Verdict[passes.size()];
        int lo = 0, hi = 0;
        for (int k = 0; k < order.length; k++) {
            while (start[lo] < start[k] - WINDOW_MS) lo++;
            while (hi < order.length && start[hi] <= start[k] + WINDOW_MS) hi++;
            String cell = passes.get(order[k]).cell();
            List<Double> witnesses = new ArrayList<>();
            Set<String> cells = new HashSet<>();
            for (int j = lo; j < hi; j++) {
                String other = passes.get(order[j]).cell();
                if (other.equals(cell)) continue;
                witnesses.add(ratio[j]);
                cells.add(other);
            }
            boolean machine = witnesses.size() >= MIN_WITNESSES && cells.size() >= MIN_WITNESS_CELLS
                    && CellTiming.median(witnesses.stream().mapToDouble(Double::doubleValue).toArray()) > SLOW_RATIO;
            slow[order[k]] = machine ? Verdict.MACHINE : ratio[k] > OUTLIER_RATIO ? Verdict.OUTLIER : Verdict.KEPT;
        }
        return slow;
    }

    /** Whether the machine was slow when each pass ran (the first rule alone). */
    public static boolean[] flag(List<Pass> passes) {
        Verdict[] v = judge(passes);
        boolean[] out = new boolean[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] == Verdict.MACHINE;
        return out;
    }
}
