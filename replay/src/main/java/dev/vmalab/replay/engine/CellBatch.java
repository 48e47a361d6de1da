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
import dev.vmalab.replay.results.TimingTable;
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

    /** Which cells are done already (skipped) and where each finished one is recorded (the resume state). */
    public interface Cells {
        boolean done(CellKey key, double contentionTarget);

        void finished(CellKey key, double contentionTarget, ResultTables rows, PairedTables paired, TimingTable timing)
                throws IOException;

        /** Every cell runs; nothing is recorded beyond the tables given. */
        Cells ALL = new Cells() {
            @Override
            public boolean done(CellKey key, double contentionTarget) {
                return false;
            }

            @Override
            public void finished(CellKey key, double contentionTarget, ResultTables rows, PairedTables paired,
                                 TimingTable timing) {}
        };
    }

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
        run(s, accounting, strategy, run, traces, out, err, onCellDone, tables, paired, results, reps, timing, Cells.ALL);
    }

    /**
     * As above; {@code cells} says which cells are done (skipped: a resumed replay) and records
     * each cell as soon as it is finished (its histogram is written first).
     */
    public static void run(ReplaySettings s, RetryAccounting accounting, LookupStrategy strategy, int run,
                           List<LoadedTrace> traces, Path out, PrintStream err, Runnable onCellDone, ResultTables tables,
                           PairedTables paired, List<CellResult> results, int reps, Consumer<CellTiming> timing,
                           Cells cells) throws IOException {
        List<LookupStrategy> compared = StrategyRegistry.withJars(s.strategyJars()).select(s.strategies());
        for (double target : accounting.targets()) {
            cells(s, accounting.paired() ? compared : List.of(), target, strategy, run, traces, out, err, onCellDone,
                    tables, paired, results, target == 0 ? reps : 1, timing, cells);
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
                              Consumer<CellTiming> timing, Cells cells) throws IOException {
        long seed = Seeds.forRun(s.seed(), run);
        String batch = "r" + run + "-" + strategy.name() + (target > 0 ? "-c" + target : "");
        boolean any = false;
        for (LoadedTrace trace : traces) {
            for (int threads : threadsAt(s, target)) {
                any |= !cells.done(new CellKey(trace.name(), strategy.name(), threads, run), target);
            }
        }
        if (!any) { // a resumed replay whose cells of this batch all finished before
            for (LoadedTrace trace : traces) for (int threads : threadsAt(s, target)) onCellDone.run();
            return;
        }
        JfrRecording jfr = s.jfr() ? JfrRecording.start(out.resolve("jfr"), batch) : null;
        FlameProfiler flame = s.profile() && run == 1 && target == 0
                ? FlameProfiler.start(out.resolve("flame").resolve(strategy.name() + ".html"), err) : null;
        try {
            for (LoadedTrace trace : traces) {
                for (int threads : threadsAt(s, target)) {
                    CellKey key = new CellKey(trace.name(), strategy.name(), threads, run);
                    if (cells.done(key, target)) { // finished before the interruption: its rows are kept
                        onCellDone.run();
                        continue;
                    }
                    ReplayPlan plan = plan(s, trace, threads);
                    CellReplay.Spec spec = new CellReplay.Spec(trace, plan, strategy, key, seed, s.amplification(),
                            s.deterministic(), s.effectivePacing(), s.orderWindowNs(), s.jfr(),
                            s.repro(trace.path(), strategy.name(), threads, seed, target));
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
                    TimingTable cellTiming = new TimingTable();
                    if (target == 0) {
                        CellTiming t = new CellTiming(key);
                        List<CellResult> first = TimedPass.run(spec, t, capture, target);
                        r = first.getFirst();
                        unmeasured.addAll(first.subList(1, first.size()));
                        for (int rep = 1; rep < reps; rep++) unmeasured.addAll(TimedPass.run(spec, t, null, target));
                        timing.accept(t);
                        cellTiming.add(t);
                    } else {
                        r = CellReplay.run(spec, capture, target);
                    }
                    for (CellResult u : unmeasured) r = r.plusViolationsOf(u); // a violation counts whenever caught
                    final CellResult done = r;
                    if (target == 0) { // sweep cells: summary rows only (docs/result-format.md); none after an interrupt
                        Interruption.unlessStopping(() -> HistogramFiles.write(out, done));
                    }
                    ResultTables cellRows = new ResultTables();
                    PairedTables cellPaired = new PairedTables();
                    if (capture != null) {
                        cellPaired.add(key, target, capture, compared, s.amplification().gracePeriods(),
                                s.amplification().walkSemantics());
                    }
                    cellRows.add(r, target);
                    cells.finished(key, target, cellRows, cellPaired, cellTiming); // durable before the next cell
                    tables.addAll(cellRows);
                    paired.addAll(cellPaired);
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
