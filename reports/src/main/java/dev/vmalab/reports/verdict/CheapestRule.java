package dev.vmalab.reports.verdict;

import dev.vmalab.reports.metrics.Metric;

/**
 * What "correct" and "cheapest" mean. Kept as data so the README, the page and the code state the same rule.
 */
public final class CheapestRule {
    /** The timing metric of the A/A control and the A/B table. */
    public static final Metric PRIMARY = Metric.MEAN_LATENCY;
    public static final Metric TIE_BREAK = Metric.THROUGHPUT;
    /**
     * How a run's timing figure is taken and when a run is left out of timing comparisons (the replay applies it:
     * replay/.../measure/CellTiming; timing.csv, timing-passes.csv).
     */
    public static final String TIMING_RULE = "a pass (one replay of the cell) is disturbed when a GC ran during it, "
            + "JIT compilation took more than 10% of its wall time, or its workers' thread CPU time was under 90% of "
            + "their wall time (preempted: machine load; at 2 threads the workers then did not run side by side), or "
            + "the other cells' undisturbed passes that started within 250 ms of it ran, by their median, over 1.10x "
            + "their own cell's median (the machine was slow), or its mean was over 2x its own cell's median over all "
            + "runs (deoptimised code: same events, same code); a "
            + "repetition replays the cell until its undisturbed passes ran 20 ms, for 40 ms at most; a run's mean "
            + "latency is the median of its undisturbed passes' means (lookups over 100 us left out); a run with fewer "
            + "than half of its repetitions holding an undisturbed pass is disturbed: left out of timing comparisons "
            + "and of the CV, never of correctness. The A/A control goes through the same rule.";

    public static final String TEXT = "A strategy is correct only when a deterministic hunt with strict grace periods "
            + "(hunt.csv) ran against it on every trace of this folder and nothing was caught, neither there nor in "
            + "any measured run (summary.csv counts every violation); without a hunt its correctness is not "
            + "established and the verdict names no cheapest. Strategies whose retry did the same on every paired "
            + "-EAGAIN event (paired.csv: outcome, maple nodes read, walks from the root, stale index, stale node, "
            + "violation) and on every scripted scenario (matrix.csv) form one class, equivalent in effect; JVM "
            + "time never ranks within a class, since the kernel would execute the same walk. A class's cost is its "
            + "paired extra work against the reference strategy (extra aborts x cost of an abort with its "
            + "mmap_lock fallback + extra node reads x cost of a node read) per fault of the reference, at the "
            + "workload's own retry rate and at each contention-sweep level. One class is cheaper than another at "
            + "a level only when the 95% bootstrap interval of the per-run difference excludes zero and the "
            + "difference exceeds the noise floor: the mean-latency difference of the A/A control (the reference "
            + "replayed again under the name REFERENCE#aa, same code); without that control no class is called cheaper. The cheapest class is never dearer at any "
            + "level and cheaper than every other correct class at one level at least; if no level separates "
            + "the correct classes they cost the same, and if they cross, it depends on the regime.";

    private CheapestRule() {}
}
