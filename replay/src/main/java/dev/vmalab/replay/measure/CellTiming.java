package dev.vmalab.replay.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * How one cell of one run was timed: its measured repetitions, each with its mean lookup latency
 * and the JVM's activity during it. A repetition is disturbed when GC took more than
 * {@value #GC_SHARE} or JIT compilation more than {@value #JIT_SHARE} of its wall time; the run's
 * mean latency is the mean over the undisturbed ones, and the run is disturbed (left out of timing
 * comparisons, never of correctness) when fewer than half of them are undisturbed.
 */
public final class CellTiming {
    public static final double GC_SHARE = 0.05;
    public static final double JIT_SHARE = 0.10;

    private final CellKey key;
    private final List<double[]> reps = new ArrayList<>(); // {mean_ns, wall_ms, cpu_ms, gc_count, gc_ms, jit_ms}

    public CellTiming(CellKey key) {
        this.key = key;
    }

    public CellKey key() {
        return key;
    }

    public void add(CellResult r, JvmActivity a) {
        reps.add(new double[] {r.latency().getTotalCount() == 0 ? 0 : r.latency().getMean(), a.wallNs() / 1e6,
                a.cpuNs() < 0 ? -1 : a.cpuNs() / 1e6, a.gcCount(), a.gcMs(), a.jitMs()});
    }

    static boolean disturbed(double[] rep) {
        return rep[4] > GC_SHARE * rep[1] || rep[5] > JIT_SHARE * rep[1];
    }

    public int reps() {
        return reps.size();
    }

    public int kept() {
        return (int) reps.stream().filter(r -> !disturbed(r)).count();
    }

    public boolean disturbed() {
        return kept() * 2 < reps.size();
    }

    /** Mean latency over the undisturbed repetitions (over all when every one is disturbed). */
    public double meanNs() {
        List<double[]> use = reps.stream().filter(r -> !disturbed(r)).toList();
        if (use.isEmpty()) use = reps;
        return use.stream().mapToDouble(r -> r[0]).average().orElse(0);
    }

    public double sum(int column) {
        return reps.stream().mapToDouble(r -> r[column]).sum();
    }

    public static final int WALL_MS = 1, CPU_MS = 2, GC_COUNT = 3, GC_MS = 4, JIT_MS = 5;
}
