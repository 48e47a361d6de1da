package dev.vmalab.replay.engine;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.replay.config.ReplaySettings;
import dev.vmalab.replay.config.Seeds;
import dev.vmalab.replay.jfr.FlameProfiler;
import dev.vmalab.replay.jfr.JfrRecording;
import dev.vmalab.replay.measure.CellKey;
import dev.vmalab.replay.measure.CellResult;
import dev.vmalab.replay.measure.CellTiming;
import dev.vmalab.replay.plan.ReplayPlan;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.replay.paired.PairedCapture;
import dev.vmalab.replay.paired.PairedTables;
import dev.vmalab.replay.paired.RetryAccounting;
import dev.vmalab.replay.results.HistogramFiles;
import dev.vmalab.replay.results.ResultTables;
import dev.vmalab.replay.trace.LoadedTrace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one isolated JVM does: every trace at every thread count with one strategy in one
 * run. Writes each cell's histogram log into the result folder and returns the results.
 */
public final class CellBatch {
    /** Least warm-up per cell when timing repetitions (a forked JVM compiles only what this cell runs). */
    static final double WARM_MS = 150;

    private CellBatch() {}

    public static List<CellResult> run(ReplaySettings s, LookupStrategy strategy, int run, List<LoadedTrace> traces,
                                       Path out, PrintStream err, Runnable onCellDone) throws IOException {
        ResultTables tables = new ResultTables();
        List<CellResult> results = new ArrayList<>();
        run(s, RetryAccounting.DEFAULT, strategy, run, traces, out, err, onCellDone, tables, new PairedTables(), results,
                1, t -> {});
        return results;
    }

    /**
     * Every cell of this (strategy, run), one set per contention target; rows go into
     * {@code tables} (with the target) and {@code paired} (each measured -EAGAIN evaluated for
     * every strategy of the replay), results into {@code results}.
     *
     * @param reps   measured repetitions of each cell at the trace's own contention: the first is the
     *               result, every one is timed into {@code timing} (violations of all count); sweep cells
     *               are replayed once and not timed
     */
    public static void run(ReplaySettings s, RetryAccounting accounting, LookupStrategy strategy, int run,
                           List<LoadedTrace> traces, Path out, PrintStream err, Runnable onCellDone, ResultTables tables,
                           PairedTables paired, List<CellResult> results, int reps, Consumer<CellTiming> timing)
            throws IOException {
        List<LookupStrategy> compared = StrategyRegistry.withJars(s.strategyJars()).select(s.strategies());
        for (double target : accounting.targets()) {
            cells(s, accounting.paired() ? compared : List.of(), target, strategy, run, traces, out, err, onCellDone,
                    tables, paired, results, target == 0 ? reps : 1, timing);
        }
    }

    /**
     * The thread counts a target is replayed at: all of them at the trace's own contention; the sweep's
     * levels only at the highest, where the verdict compares costs (the contended case).
     */
    public static List<Integer> threadsAt(ReplaySettings s, double target) {
        return target == 0 ? s.threads() : List.of(java.util.Collections.max(s.threads()));
    }

    /**
     * The trace cut up for {@code threads} workers; on the trace clock one worker per trace thread whatever
     * {@code threads} says (the count then only names the cell: one worker runs at a time anyway).
     */
    static ReplayPlan plan(ReplaySettings s, LoadedTrace trace, int threads) {
        return s.effectivePacing().traceClock() ? ReplayPlan.perTraceThread(trace.events(), s.warmup())
                : ReplayPlan.of(trace.events(), threads, s.warmup());
    }

    private static void cells(ReplaySettings s, List<LookupStrategy> compared, double target, LookupStrategy strategy,
                              int run, List<LoadedTrace> traces, Path out, PrintStream err, Runnable onCellDone,
                              ResultTables tables, PairedTables paired, List<CellResult> results, int reps,
                              Consumer<CellTiming> timing) throws IOException {
        long seed = Seeds.forRun(s.seed(), run);
        String batch = "r" + run + "-" + strategy.name() + (target > 0 ? "-c" + target : "");
        JfrRecording jfr = s.jfr() ? JfrRecording.start(out.resolve("jfr"), batch) : null;
        FlameProfiler flame = s.profile() && run == 1 && target == 0
                ? FlameProfiler.start(out.resolve("flame").resolve(strategy.name() + ".html"), err) : null;
        try {
            for (LoadedTrace trace : traces) {
                for (int threads : threadsAt(s, target)) {
                    CellKey key = new CellKey(trace.name(), strategy.name(), threads, run);
                    ReplayPlan plan = plan(s, trace, threads);
                    CellReplay.Spec spec = new CellReplay.Spec(trace, plan, strategy, key, seed, s.amplification(),
                            s.deterministic(), s.effectivePacing(), s.orderWindowNs(), s.jfr(),
                            s.repro(trace.path(), strategy.name(), threads, seed));
                    // Timing: first let the JIT compile the replay and the model (results dropped).
                    int passes = s.deterministic() ? 0 : s.jitPasses();
                    List<CellResult> unmeasured = new ArrayList<>();
                    long warmStart = System.nanoTime();
                    for (int p = 0; p < passes; p++) unmeasured.add(CellReplay.run(spec, null, target));
                    // With repetitions (the verdict's timing), warm each cell at least WARM_MS, as TimedRounds does.
                    while (reps > 1 && passes > 0 && (System.nanoTime() - warmStart) / 1e6 < WARM_MS) {
                        unmeasured.add(CellReplay.run(spec, null, target));
                    }
                    PairedCapture capture = compared.isEmpty() ? null : new PairedCapture();
                    CellResult r;
                    if (target == 0) {
                        CellTiming t = new CellTiming(key);
                        List<CellResult> first = TimedPass.run(spec, t, capture, target);
                        r = first.getFirst();
                        unmeasured.addAll(first.subList(1, first.size()));
                        for (int rep = 1; rep < reps; rep++) unmeasured.addAll(TimedPass.run(spec, t, null, target));
                        timing.accept(t);
                    } else {
                        r = CellReplay.run(spec, capture, target);
                    }
                    for (CellResult u : unmeasured) r = r.plusViolationsOf(u); // a violation counts whenever caught
                    final CellResult done = r;
                    if (target == 0) { // sweep cells: summary rows only (docs/result-format.md); none after an interrupt
                        Interruption.unlessStopping(() -> HistogramFiles.write(out, done));
                    }
                    if (capture != null) {
                        paired.add(key, target, capture, compared, s.amplification().gracePeriods(),
                                s.amplification().walkSemantics());
                    }
                    tables.add(r, target);
                    results.add(r);
                    onCellDone.run();
                }
            }
        } finally {
            if (flame != null) flame.close();
            if (jfr != null) jfr.close();
        }
    }
}
