package dev.vmalab.replay.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How one cell of one run was timed: its measured repetitions, each a series of passes (one pass =
 * one whole replay of the trace), each pass with its mean lookup latency and the JVM's and the
 * workers' activity during it (docs/result-format.md, timing.csv).
 *
 * <p>The rule. A pass is <b>disturbed</b> when a garbage collection ran during it, JIT compilation
 * took more than {@value #JIT_SHARE} of its wall time, or its workers' thread CPU time was under
 * {@value #MIN_CPU_SHARE} of their wall time (the OS ran something else on their cores: machine load;
 * at 2 threads it also means the workers did not run side by side, which is the contention being
 * measured). A repetition replays the cell until its undisturbed passes have run
 * {@value #MIN_KEPT_MS} ms, or it has run {@value #MAX_REP_MS} ms, or {@value #MAX_PASSES} passes
 * (the bounded re-run). The run's figure ({@link #meanNs()}) is the median of its undisturbed passes'
 * mean latencies, over all its repetitions; the run is disturbed (left out of timing comparisons,
 * never of correctness) when fewer than half of its repetitions have an undisturbed pass. When
 * timing.csv is written each pass is first divided by the machine's speed at its moment, taken from
 * the other strategies' passes around it ({@link CommonSlowdown}), and the figure is taken again.
 *
 * <p>Why the median of pass means: every pass replays the same events with the same code, so absent
 * a disturbance its mean is the same quantity measured again; a real cost difference moves every
 * pass, so the median moves with it, while a pass slowed by what none of the counters above sees (a
 * host stealing the vCPU, a deoptimised method waiting for C2) moves only itself. summary.csv's
 * mean_ns (the first pass of the first repetition alone, one replay of a few ms) is kept as the
 * histogram's raw figure; the A/A control goes through the same rule as every strategy.
 */
public final class CellTiming {
    /** A pass during which JIT compilation took more than this share of its wall time is disturbed. */
    public static final double JIT_SHARE = 0.10;
    /** A pass whose workers ran less than this share of their wall time on a CPU was preempted. */
    public static final double MIN_CPU_SHARE = 0.90;
    /**
     * Undisturbed pass time a repetition aims for: one pass (a bundled sample's takes 3-10 ms), so a run's
     * repetitions are many samples of the machine's changing speed, not a few series of passes sharing one
     * moment (CommonSlowdown; measured in the demo: 25 one-pass repetitions, median CV of a cell's run means
     * 1.9%, against 2.0-2.4% for 20 repetitions of 5 ms in about the same time).
     */
    public static final double MIN_KEPT_MS = 1;
    /** ... for at most this much wall time a repetition (the re-run of disturbed passes is bounded). */
    public static final double MAX_REP_MS = 10;
    /** At most this many passes in one repetition. */
    public static final int MAX_PASSES = 200;

    /**
     * A lookup longer than this was descheduled, not slow: on a loaded 2-core machine one preemption of a
     * few ms in a 20,000-lookup pass adds 200 ns to the mean. Timing means leave such lookups out and
     * count them ({@code outliers}); summary.csv and the histograms keep every lookup.
     */
    public static final long PREEMPTED_NS = 100_000;

    /** The rule in one line (machine.properties timing_rule, the report). */
    public static final String RULE = "a pass (one replay of the cell) is disturbed when a GC ran during it, jit_ms > "
            + JIT_SHARE + " x its wall time, or its workers' thread CPU time < " + MIN_CPU_SHARE + " x their wall time "
            + "(preempted); each other pass is divided by its machine factor: the median, over the " + CommonSlowdown.WITNESSES
            + " passes of other strategies at its thread count that started nearest it (within " + (int) CommonSlowdown.WINDOW_MS
            + " ms; factor 1 with fewer than " + CommonSlowdown.MIN_WITNESSES + " of " + CommonSlowdown.MIN_WITNESS_STRATEGIES
            + " strategies), of their mean over their own cell's median "
            + "(the machine's speed at that moment), and left out when that factor is over " + CommonSlowdown.MAX_FACTOR
            + " or under 1/" + CommonSlowdown.MAX_FACTOR + " (machine) or the pass is still over " + CommonSlowdown.OUTLIER_RATIO
            + " x its own cell's median (deoptimised code); a repetition replays passes until its undisturbed ones ran "
            + (int) MIN_KEPT_MS + " ms, for " + (int) MAX_REP_MS + " ms at most; a run's mean_ns is the median of its "
            + "undisturbed passes' adjusted means (lookups over " + PREEMPTED_NS / 1000 + " us left out; raw_mean_ns without "
            + "the factor); a run with fewer than half of its repetitions holding an undisturbed pass is disturbed and left "
            + "out of timing comparisons";

    /** Why a pass is left out of the run's figure. */
    public enum Disturbance {
        NONE, GC, JIT, PREEMPTED,
        /** Its machine factor was beyond {@link CommonSlowdown#MAX_FACTOR} ({@link CommonSlowdown}; set when timing.csv is written). */
        MACHINE,
        /** Over twice its own cell's median over all runs after its factor ({@link CommonSlowdown}; set when timing.csv is written). */
        OUTLIER
    }

    /**
     * One pass.
     *
     * @param rep      its repetition, from 1
     * @param startMs  when it started, epoch ms (comparable between the forked cells' JVMs)
     * @param meanNs   mean latency of its lookups up to {@link #PREEMPTED_NS}
     * @param outliers its lookups over {@link #PREEMPTED_NS}
     */
    public record Pass(int rep, double startMs, double meanNs, long lookups, long outliers, JvmActivity activity,
                       Disturbance disturbance) {
        public boolean kept() {
            return disturbance == Disturbance.NONE;
        }

        public double wallMs() {
            return activity.wallNs() / 1e6;
        }
    }

    /** The rule for one pass, from the activity during it (GC first: a pause also stops the workers). */
    public static Disturbance classify(JvmActivity a) {
        if (a.gcCount() > 0 || a.gcMs() > 0) return Disturbance.GC;
        if (a.jitMs() > JIT_SHARE * a.wallNs() / 1e6) return Disturbance.JIT;
        double share = a.workerCpuShare();
        if (!Double.isNaN(share) && share < MIN_CPU_SHARE) return Disturbance.PREEMPTED;
        return Disturbance.NONE;
    }

    private final CellKey key;
    private final List<Pass> passes = new ArrayList<>();
    private final List<JvmActivity> reps = new ArrayList<>();

    public CellTiming(CellKey key) {
        this.key = key;
    }

    public CellKey key() {
        return key;
    }

    /** One pass of the current repetition (the first after {@link #endRep} starts the next one). */
    public Pass add(CellResult r, JvmActivity during) {
        long[] cut = new long[1];
        double mean = meanBelowCutoff(r.latency(), cut);
        double startMs = System.currentTimeMillis() - during.wallNs() / 1e6;
        Pass p = new Pass(reps.size() + 1, startMs, mean, r.counters().lookups(), cut[0], during, classify(during));
        passes.add(p);
        return p;
    }

    /** Ends the current repetition; {@code during} is the JVM's activity over all its passes. */
    public void endRep(JvmActivity during) {
        reps.add(during);
    }

    /** Undisturbed pass time of the current (unfinished) repetition, ms. */
    public double keptMsInRep() {
        int rep = reps.size() + 1;
        return passes.stream().filter(p -> p.rep() == rep && p.kept()).mapToDouble(Pass::wallMs).sum();
    }

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

    public List<Pass> passes() {
        return List.copyOf(passes);
    }

    public int reps() {
        return reps.size();
    }

    /** Repetitions with at least one undisturbed pass. */
    public int kept() {
        return (int) passes.stream().filter(Pass::kept).mapToInt(Pass::rep).distinct().count();
    }

    public int keptPasses() {
        return (int) passes.stream().filter(Pass::kept).count();
    }

    /** Passes left out for {@code why}. */
    public int discarded(Disturbance why) {
        return (int) passes.stream().filter(p -> p.disturbance() == why).count();
    }

    public boolean disturbed() {
        return disturbedRun(kept(), reps.size());
    }

    /** The run rule: fewer than half of its repetitions hold an undisturbed pass. */
    public static boolean disturbedRun(int keptReps, int reps) {
        return keptReps * 2 < reps;
    }

    /** Median of the undisturbed passes' mean latencies (of all passes when every one is disturbed). */
    public double meanNs() {
        List<Pass> use = passes.stream().filter(Pass::kept).toList();
        if (use.isEmpty()) use = passes;
        return median(use.stream().mapToDouble(Pass::meanNs).toArray());
    }

    public static double median(double[] xs) {
        if (xs.length == 0) return 0;
        double[] m = xs.clone();
        Arrays.sort(m);
        return m.length % 2 == 1 ? m[m.length / 2] : (m[m.length / 2 - 1] + m[m.length / 2]) / 2;
    }

    /** Sum over the repetitions (WALL_MS, CPU_MS, GC_COUNT, GC_MS, JIT_MS) or the passes (the rest). */
    public double sum(int column) {
        return switch (column) {
            case WALL_MS -> reps.stream().mapToDouble(a -> a.wallNs() / 1e6).sum();
            case CPU_MS -> reps.stream().anyMatch(a -> a.cpuNs() < 0) ? -1 : reps.stream().mapToDouble(a -> a.cpuNs() / 1e6).sum();
            case GC_COUNT -> reps.stream().mapToDouble(JvmActivity::gcCount).sum();
            case GC_MS -> reps.stream().mapToDouble(JvmActivity::gcMs).sum();
            case JIT_MS -> reps.stream().mapToDouble(JvmActivity::jitMs).sum();
            case OUTLIERS -> passes.stream().mapToDouble(Pass::outliers).sum();
            case LOOKUPS -> passes.stream().mapToDouble(Pass::lookups).sum();
            case WORKER_CPU_MS -> passes.stream().anyMatch(p -> p.activity().workerCpuNs() < 0) ? -1
                    : passes.stream().mapToDouble(p -> p.activity().workerCpuNs() / 1e6).sum();
            case WORKER_WALL_MS -> passes.stream().mapToDouble(p -> p.activity().workerWallNs() / 1e6).sum();
            default -> throw new IllegalArgumentException("column " + column);
        };
    }

    public static final int WALL_MS = 1, CPU_MS = 2, GC_COUNT = 3, GC_MS = 4, JIT_MS = 5, OUTLIERS = 6, LOOKUPS = 7,
            WORKER_CPU_MS = 8, WORKER_WALL_MS = 9;
}
