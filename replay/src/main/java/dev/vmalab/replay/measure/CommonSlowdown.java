package dev.vmalab.replay.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine's own speed at the moment a pass ran, taken out of the pass: its <b>machine factor</b>
 * is the median, over its witnesses, of each witness pass's mean latency over its own cell's median
 * (over all runs), and the pass counts as {@code mean / factor}. The witnesses are the
 * {@value #WITNESSES} undisturbed passes of <em>other strategies</em> at the same thread count that
 * started nearest to it, within {@value #WINDOW_MS} ms (at least {@value #MIN_WITNESSES}, of at least
 * {@value #MIN_WITNESS_STRATEGIES} strategies, else the factor is 1 and the pass stays as measured:
 * forked cells, a replay of fewer than three strategies).
 *
 * <p>Why. On a shared 2-core KVM guest the same pass replayed moments apart took 0.7x to 1.4x its
 * median, in episodes of tens of ms common to every cell (measured, 40 one-pass repetitions a run:
 * the ratio to the cell's median of passes of <em>different</em> cells 9 ms apart correlates at
 * 0.5-0.6, 35 ms apart at 0.3, 300 ms apart at 0), so a run's median of its own passes moved by
 * 8-15% from run to run with the same code. Each strategy being its own reference (a ratio to its
 * own median), a strategy's steady cost never enters another's factor, and a strategy-specific
 * slowdown (its own deoptimisation) is not taken out: the witnesses are other strategies only (the
 * A/A control counts as its reference's strategy). What the factor cannot see it cannot take out:
 * a slowdown that hits one strategy's cells and not the others' stays in.
 *
 * <p>And two passes no factor makes comparable: a factor over {@value #MAX_FACTOR} (or under its
 * inverse) leaves the pass out ({@code machine}: too far from the machine's usual speed to trust a
 * linear correction), and a pass over {@value #OUTLIER_RATIO} times its cell's median after the
 * factor is left out ({@code outlier}: same events, same code, twice as slow is the JVM running
 * deoptimised code until C2 compiles it again, not the strategy).
 */
public final class CommonSlowdown {
    /** Witnesses: the passes of other strategies that started nearest a pass, at most this many ... */
    public static final int WITNESSES = 4;
    /** ... each within this many ms of it. */
    public static final double WINDOW_MS = 100;
    /** With fewer witnesses, or witnesses of fewer than {@value #MIN_WITNESS_STRATEGIES} strategies, the pass keeps factor 1. */
    public static final int MIN_WITNESSES = 2;
    /** One other strategy alone could be slow for its own reasons. */
    public static final int MIN_WITNESS_STRATEGIES = 2;
    /** A factor beyond this (or under its inverse) leaves the pass out instead. */
    public static final double MAX_FACTOR = 1.5;
    public static final double OUTLIER_RATIO = 2.0;

    /** What the rule says of a pass. */
    public enum Verdict { KEPT, MACHINE, OUTLIER }

    /**
     * An undisturbed pass.
     *
     * @param cell     its cell (trace, strategy, threads): the reference its ratio is taken against
     * @param strategy its strategy, the A/A control named as its reference (a witness is another one)
     * @param threads  its thread count (a witness has the same)
     */
    public record Pass(String cell, String strategy, int threads, double startMs, double meanNs) {}

    /** The rule's answer for one pass: its verdict and its factor (1 when it had too few witnesses). */
    public record Judgement(Verdict verdict, double factor, int witnesses) {
        /** Whether the factor came from witnesses (else it is 1). */
        public boolean adjusted() {
            return witnesses > 0;
        }
    }

    private CommonSlowdown() {}

    /** The strategy a name stands for: the A/A control (REFERENCE#aa) is its reference's code. */
    public static String strategyOf(String name) {
        return name.endsWith(AA_SUFFIX) ? name.substring(0, name.length() - AA_SUFFIX.length()) : name;
    }

    /** engine.AaStrategy.SUFFIX (measure does not depend on engine). */
    private static final String AA_SUFFIX = "#aa";

    public static Judgement[] judge(List<Pass> passes) {
        Map<String, List<Double>> byCell = new HashMap<>();
        for (Pass p : passes) byCell.computeIfAbsent(p.cell(), c -> new ArrayList<>()).add(p.meanNs());
        Map<String, Double> reference = new HashMap<>();
        byCell.forEach((c, v) -> reference.put(c, CellTiming.median(v.stream().mapToDouble(Double::doubleValue).toArray())));
        Integer[] order = new Integer[passes.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> passes.get(i).startMs()));
        double[] ratio = new double[passes.size()];
        for (int i = 0; i < ratio.length; i++) {
            double ref = reference.get(passes.get(i).cell());
            ratio[i] = ref > 0 ? passes.get(i).meanNs() / ref : 1;
        }
        Judgement[] out = new Judgement[passes.size()];
        for (int k = 0; k < order.length; k++) {
            double[] w = nearestWitnesses(passes, order, k, ratio);
            double factor = w.length > 0 ? CellTiming.median(w) : 1;
            Verdict v = factor > MAX_FACTOR || factor < 1 / MAX_FACTOR ? Verdict.MACHINE
                    : ratio[order[k]] / factor > OUTLIER_RATIO ? Verdict.OUTLIER : Verdict.KEPT;
            out[order[k]] = new Judgement(v, factor, w.length);
        }
        return out;
    }

    /**
     * The ratios of the (up to) {@link #WITNESSES} witness passes nearest in start time to {@code order[k]}; none
     * when fewer than {@link #MIN_WITNESSES} passes of {@link #MIN_WITNESS_STRATEGIES} strategies are in the window.
     */
    private static double[] nearestWitnesses(List<Pass> passes, Integer[] order, int k, double[] ratio) {
        Pass p = passes.get(order[k]);
        String own = strategyOf(p.strategy());
        List<Double> found = new ArrayList<>();
        java.util.Set<String> of = new java.util.HashSet<>();
        int lo = k - 1, hi = k + 1;
        while (found.size() < WITNESSES) {
            double dLo = lo >= 0 ? p.startMs() - passes.get(order[lo]).startMs() : Double.POSITIVE_INFINITY;
            double dHi = hi < order.length ? passes.get(order[hi]).startMs() - p.startMs() : Double.POSITIVE_INFINITY;
            if (Math.min(dLo, dHi) > WINDOW_MS) break;
            int j = dLo <= dHi ? order[lo--] : order[hi++];
            Pass q = passes.get(j);
            if (q.threads() == p.threads() && !strategyOf(q.strategy()).equals(own)) {
                found.add(ratio[j]);
                of.add(strategyOf(q.strategy()));
            }
        }
        if (found.size() < MIN_WITNESSES || of.size() < MIN_WITNESS_STRATEGIES) return new double[0];
        return found.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
