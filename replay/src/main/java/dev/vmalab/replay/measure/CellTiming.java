package dev.vmalab.replay.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * How one cell of one run was timed: its measured repetitions, each with its mean lookup latency
 * and the JVM's activity during it. A repetition is disturbed when GC took more than
 * {@value #GC_SHARE} or JIT compilation more than {@value #JIT_SHARE} of its wall time; the run's
 * mean latency is the median of the undisturbed ones' means (one preempted repetition on a shared
 * machine must not move it), and the run is disturbed (left out of timing
 * comparisons, never of correctness) when fewer than half of them are undisturbed.
 */
public final class CellTiming {
    public static final double GC_SHARE = 0.05;
    public static final double JIT_SHARE = 0.10;

    private final CellKey key;
    private final List<double[]> reps = new ArrayList<>(); // {mean_ns, wall_ms, cpu_ms, gc_count, gc_ms, jit_ms, outliers, lookups}

    public CellTiming(CellKey key) {
        this.key = key;
    }

    public CellKey key() {
        return key;
    }

    /** One repetition: its replays of the cell (their latencies pooled) and the JVM's activity during them. */
    public void add(List<CellResult> passes, JvmActivity a) {
        long[] cut = new long[1];
        org.HdrHistogram.Histogram pooled = new org.HdrHistogram.Histogram(3);
        for (CellResult r : passes) pooled.add(r.latency());
        double mean = meanBelowCutoff(pooled, cut);
        long lookups = passes.stream().mapToLong(r -> r.counters().lookups()).sum();
        reps.add(new double[] {mean, a.wallNs() / 1e6, a.cpuNs() < 0 ? -1 : a.cpuNs() / 1e6, a.gcCount(), a.gcMs(),
                a.jitMs(), cut[0], lookups});
    }

    /**
     * A lookup longer than this was descheduled, not slow: on a loaded 2-core machine one preemption of a
     * few ms in a 20,000-lookup pass adds 200 ns to the mean. Timing means leave such lookups out and
     * count them ({@code outliers}); summary.csv and the histograms keep every lookup.
     */
    public static final long PREEMPTED_NS = 100_000;

    static double meanBelowCutoff(org.HdrHistogram.Histogram h, long[] cut) {
        double sum = 0;
        long n = 0;
        for (org.HdrHistogram.HistogramIterationValue v : h.recordedValues()) {
            long value = h.medianEquivalentValue(v.getValueIteratedTo());
            if (value > PREEMPTED_NS) {
                cut[0] += v.getCountAtValueIteratedTo();
                continue;
            }
            sum += (double) value * v.getCountAtValueIteratedTo();
            n += v.getCountAtValueIteratedTo();
        }
        return n == 0 ? 0 : sum / n;
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

    /** Median of the undisturbed repetitions' mean latencies (of all when every one is disturbed). */
    public double meanNs() {
        List<double[]> use = reps.stream().filter(r -> !disturbed(r)).toList();
        if (use.isEmpty()) use = reps;
        double[] m = use.stream().mapToDouble(r -> r[0]).sorted().toArray();
        if (m.length == 0) return 0;
        return m.length % 2 == 1 ? m[m.length / 2] : (m[m.length / 2 - 1] + m[m.length / 2]) / 2;
    }

    public double sum(int column) {
        return reps.stream().mapToDouble(r -> r[column]).sum();
    }

    public static final int WALL_MS = 1, CPU_MS = 2, GC_COUNT = 3, GC_MS = 4, JIT_MS = 5, OUTLIERS = 6, LOOKUPS = 7;
}
