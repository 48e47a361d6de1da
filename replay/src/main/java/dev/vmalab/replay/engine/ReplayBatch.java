package dev.vmalab.replay.engine;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.replay.config.ReplaySettings;
import dev.vmalab.replay.config.Seeds;
import dev.vmalab.replay.config.VerdictSettings;
import dev.vmalab.replay.hunt.BuiltInHunt;
import dev.vmalab.replay.measure.CellKey;
import dev.vmalab.replay.measure.CellResult;
import dev.vmalab.replay.results.TimingTable;
import dev.vmalab.replay.isolate.CellLauncher;
import dev.vmalab.replay.paired.PairedFiles;
import dev.vmalab.traces.stats.StatsReport;
import dev.vmalab.traces.stats.TraceStats;
import dev.vmalab.replay.paired.PairedTables;
import dev.vmalab.replay.paired.RetryAccounting;
import dev.vmalab.replay.paired.UnitCosts;
import dev.vmalab.replay.results.MachineInfo;
import dev.vmalab.replay.results.ResultCsv;
import dev.vmalab.replay.results.ResultTables;
import dev.vmalab.replay.results.ResumeState;
import dev.vmalab.replay.results.TracesTable;
import dev.vmalab.replay.trace.LoadedTrace;
import dev.vmalab.replay.trace.TraceLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A whole replay: runs R, each with every strategy in turn (A B A B: drift of the machine
 * over time falls on every strategy alike), each (strategy, run) in its own JVM unless
 * in-process; then writes the result folder.
 */
public final class ReplayBatch {
    private ReplayBatch() {}

    /** How a replay ended: the result folder and the violations per strategy. */
    public record Outcome(Path out, ResultTables tables, List<LoadedTrace> traces) {
        private static final int STRATEGY = ResultCsv.SUMMARY.indexOf("strategy");
        private static final int VIOLATIONS = ResultCsv.SUMMARY.indexOf("violations");

        /** Violations of {@code strategy} over every cell (summary.csv's counts). */
        public long violations(String strategy) {
            return tables.summary().stream().filter(r -> r.get(STRATEGY).equals(strategy))
                    .mapToLong(r -> Long.parseLong(r.get(VIOLATIONS))).sum();
        }
    }

    /** Listens to progress: cells finished out of all. */
    public interface Progress {
        void cells(long total);

        void step(long n);

        Progress NONE = new Progress() {
            @Override
            public void cells(long total) {}

            @Override
            public void step(long n) {}
        };
    }

    public static Outcome run(ReplaySettings s, Path out, String command, PrintStream err, Progress progress)
            throws IOException {
        return run(s, RetryAccounting.DEFAULT, VerdictSettings.NONE, out, command, err, progress, false);
    }

    public static Outcome run(ReplaySettings s, VerdictSettings v, Path out, String command, PrintStream err,
                              Progress progress) throws IOException {
        return run(s, RetryAccounting.DEFAULT, v, out, command, err, progress, false);
    }

    /**
     * @param accounting paired retry accounting and the contention sweep's targets
     * @param v          with the verdict's settings: the A/A control joins the strategies, each cell is measured
     *                   {@code v.reps()} times (in-process: in rounds alternating the strategies, {@link TimedRounds})
     *                   into timing.csv, and the built-in hunt runs after the measured runs into OUT/hunt and
     *                   OUT/hunt.csv
     * @param resume     continue the interrupted replay in {@code out} (its finished cells are kept,
     *                   the missing ones run with the same seeds); false: a fresh replay, which first
     *                   removes an earlier replay's files from {@code out}
     */
    public static Outcome run(ReplaySettings s, RetryAccounting accounting, VerdictSettings v, Path out, String command,
                              PrintStream err, Progress progress, boolean resume) throws IOException {
        List<LookupStrategy> selected = StrategyRegistry.withJars(s.strategyJars()).select(s.strategies());
        List<LookupStrategy> strategies = new ArrayList<>(selected);
        if (v.aaControl()) strategies.add(new AaStrategy(AaStrategy.referenceOf(selected)));
        List<LoadedTrace> traces = new ArrayList<>();
        for (Path t : s.traces()) traces.add(TraceLoader.load(t, s.limit(), s.lenient()));
        String settings = String.join("\n", s.traces().stream().map(Path::toString).toList()) + "\n"
                + String.join(" ", s.args()) + " " + String.join(" ", accounting.args()) + " " + v + "\n";
        ResumeState state = resume ? ResumeState.resume(out, settings) : ResumeState.fresh(out, settings);
        deleteTree(out.resolve(".cells"));
        // Rounds need one JVM for all strategies; JFR and the profiler record per (strategy, run) batch.
        TimedRounds rounds = s.inProcess() && !s.jfr() && !s.profile() && v.reps() > 1
                && accounting.targets().contains(0.0) ? new TimedRounds(s, strategies, traces, v.reps()) : null;
        // The cells in the order an uninterrupted replay lists them (the rounds do target 0 first, then the sweep).
        List<Double> targets = new ArrayList<>(accounting.targets());
        if (rounds != null) targets.sort(Comparator.comparing(t -> t != 0));
        List<String> order = new ArrayList<>();
        for (int run = 1; run <= s.runs(); run++) {
            for (LookupStrategy st : strategies) {
                for (double target : targets) {
                    for (LoadedTrace t : traces) {
                        for (int threads : CellBatch.threadsAt(s, target)) {
                            order.add(ResumeState.cell(new CellKey(t.name(), st.name(), threads, run), target));
                        }
                    }
                }
            }
        }
        int cellsPerBatch = order.size() / (s.runs() * strategies.size());
        progress.cells(order.size());
        List<String> cellOptions = new ArrayList<>(accounting.args());
        cellOptions.addAll(List.of("--reps", Integer.toString(v.reps())));
        CellBatch.Cells cells = new CellBatch.Cells() { // each finished cell durably in .partial/, as it finishes
            @Override
            public boolean done(CellKey key, double target) {
                return state.isDone(ResumeState.cell(key, target));
            }

            @Override
            public void finished(CellKey key, double target, ResultTables rows, PairedTables paired, TimingTable timing)
                    throws IOException {
                Interruption.unlessStopping(() -> state.finished(ResumeState.cell(key, target), rows, paired, timing));
            }
        };

        String again = resume ? command
                : command.startsWith("./vmalab replay ") ? command + " --resume " + ReplaySettings.quote(out.toString())
                : command + " (runs it again whole: only replay has --resume)";
        ResultTables tables;
        try (Interruption stop = Interruption.install(() -> interrupted(s, out, command, err, traces, state, order,
                again))) {
            for (int run = 1; run <= s.runs(); run++) {
                if (rounds != null) {
                    runInRounds(s, accounting, rounds, strategies, run, traces, out, err, progress, cells);
                    continue;
                }
                if (s.inProcess() && concurrentCells(s) > 1) {
                    runConcurrently(s, accounting, strategies, run, traces, out, err, progress, v.reps(), cells);
                    continue;
                }
                for (LookupStrategy strategy : strategies) {
                    if (s.inProcess()) {
                        CellBatch.run(s, accounting, strategy, run, traces, out, err, () -> progress.step(1),
                                new ResultTables(), new PairedTables(), new ArrayList<>(), v.reps(), t -> {}, cells);
                        continue;
                    }
                    final int r = run;
                    boolean missing = false;
                    for (double target : targets) {
                        for (LoadedTrace t : traces) {
                            for (int threads : CellBatch.threadsAt(s, target)) {
                                missing |= !cells.done(new CellKey(t.name(), strategy.name(), threads, r), target);
                            }
                        }
                    }
                    if (missing) {
                        // The cell JVM skips the cells done and records each one it finishes in .partial/ itself.
                        try {
                            CellLauncher.run(s.traces(), s, cellOptions, strategy.name(), run, out);
                        } catch (IOException e) {
                            Interruption.awaitHaltIfStopping(); // stopped by SIGINT/SIGTERM: the hook reports
                            throw e;
                        }
                        state.reload();
                    }
                    progress.step(cellsPerBatch);
                }
            }
            deleteTree(out.resolve(".cells"));
            tables = state.tables(order);
            writeFolder(s, out, command, traces, tables, Map.of());
            if (accounting.paired()) {
                PairedFiles.write(out, selected, state.paired(order), tables.summary(),
                        s.amplification().walkSemantics(), UnitCosts.measure(), exposure(traces));
            }
            if (v != VerdictSettings.NONE) state.timing(order).write(out);
        }
        if (v != VerdictSettings.NONE) { // after the measured folder is whole: an interrupted hunt leaves it usable
            if (v.hunt()) BuiltInHunt.run(s, selected, out, err);
            MachineInfo.append(out, VerdictInfo.describe(selected, v, strategies.size() > selected.size()
                    ? strategies.getLast().name() : ""));
        }
        state.complete();
        return new Outcome(out, tables, traces);
    }

    /**
     * How many strategies' cells a replay runs at once in this JVM: one per core for a deterministic replay on
     * the Java model (the built-in hunt), whose seeded one-at-a-time scheduler keeps each cell on one core and
     * makes its result independent of what else runs (each cell has its own model: tree, RCU, scheduler); else
     * 1. Timed cells never share the cores (their timing would be the other cell's), and the native backends
     * share one C library and its RCU queue.
     */
    static int concurrentCells(ReplaySettings s) {
        boolean independent = s.deterministic() && !s.amplification().backend().isNative()
                && !s.effectivePacing().traceClock() && !s.jfr() && !s.profile();
        return independent ? Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())) : 1;
    }

    /** One run of every strategy, {@link #concurrentCells} strategies at a time; the rows are kept in order. */
    private static void runConcurrently(ReplaySettings s, RetryAccounting accounting, List<LookupStrategy> strategies,
                                        int run, List<LoadedTrace> traces, Path out, PrintStream err,
                                        Progress progress, int reps, CellBatch.Cells cells) throws IOException {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(concurrentCells(s));
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (LookupStrategy strategy : strategies) {
                done.add(pool.submit(() -> {
                    CellBatch.run(s, accounting, strategy, run, traces, out, err, () -> {
                        synchronized (progress) {
                            progress.step(1);
                        }
                    }, new ResultTables(), new PairedTables(), new ArrayList<>(), reps, t -> {}, cells);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof IOException io) throw io;
                    if (e.getCause() instanceof RuntimeException r) throw r;
                    if (e.getCause() instanceof Error x) throw x;
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while the cells ran");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each trace's race exposure by kind ({@code trace stats} with its default window), for exposure.csv's workload rows. */
    private static Map<String, StatsReport> exposure(List<LoadedTrace> traces) {
        Map<String, StatsReport> out = new LinkedHashMap<>();
        for (LoadedTrace t : traces) {
            out.put(t.name(), TraceStats.of(t.events().stream(),
                    new TraceStats.Options(Long.MAX_VALUE, TraceStats.DEFAULT_WINDOW_US)));
        }
        return out;
    }

    /**
     * One run of every strategy in alternating rounds (timing, target 0), then the sweep's cells per
     * strategy, each recorded as it finishes. The rounds time a run's unswept cells together (the
     * strategies alternate within them), so those cells finish, and resume, as one group: the rounds
     * are skipped when all are done and otherwise replayed and recorded whole; sweep cells resume one by one.
     */
    private static void runInRounds(ReplaySettings s, RetryAccounting accounting, TimedRounds rounds,
                                    List<LookupStrategy> strategies, int run, List<LoadedTrace> traces, Path out,
                                    PrintStream err, Progress progress, CellBatch.Cells cells)
            throws IOException {
        boolean roundsDone = true;
        for (LookupStrategy st : strategies) {
            for (LoadedTrace t : traces) {
                for (int threads : s.threads()) roundsDone &= cells.done(new CellKey(t.name(), st.name(), threads, run), 0);
            }
        }
        if (roundsDone) {
            progress.step((long) strategies.size() * traces.size() * s.threads().size());
        } else {
            Map<CellKey, TimingTable> timing = new LinkedHashMap<>();
            Map<CellKey, PairedTables> paired = new LinkedHashMap<>();
            List<LookupStrategy> compared = accounting.paired()
                    ? StrategyRegistry.withJars(s.strategyJars()).select(s.strategies()) : List.of();
            List<CellResult> results = rounds.run(run, out,
                    t -> timing.computeIfAbsent(t.key(), k -> new TimingTable()).add(t), () -> progress.step(1),
                    compared, (key, capture) -> paired.computeIfAbsent(key, k -> new PairedTables()).add(key, 0, capture,
                            compared, s.amplification().gracePeriods(), s.amplification().walkSemantics()));
            for (CellResult r : results) {
                ResultTables rows = new ResultTables();
                rows.add(r, 0);
                cells.finished(r.key(), 0, rows, paired.getOrDefault(r.key(), new PairedTables()),
                        timing.getOrDefault(r.key(), new TimingTable()));
            }
        }
        RetryAccounting sweepOnly = accounting.sweepOnly();
        if (sweepOnly == null) return;
        for (LookupStrategy st : strategies) {
            CellBatch.run(s, sweepOnly, st, run, traces, out, err, () -> progress.step(1), new ResultTables(),
                    new PairedTables(), new ArrayList<>(), 1, t -> {}, cells);
        }
    }

    /** SIGINT/SIGTERM: the folder from the cells that finished, marked incomplete, and how to go on. */
    private static void interrupted(ReplaySettings s, Path out, String command, PrintStream err,
                                    List<LoadedTrace> traces, ResumeState state, List<String> order, String again) {
        long done;
        try {
            synchronized (state) {
                deleteTree(out.resolve(".cells"));
                state.reload(); // the cells a forked cell JVM recorded before it was stopped
                state.deleteTemporaries();
                state.deleteUnfinishedHistograms();
                done = state.cellsDone(order);
                Map<String, String> mark = new LinkedHashMap<>();
                mark.put("incomplete", "true");
                mark.put("cells_done", Long.toString(done));
                mark.put("cells_total", Long.toString(order.size()));
                writeFolder(s, out, command, traces, state.tables(order), mark);
            }
            err.printf("%nvmalab replay: interrupted; %d of %d cells finished, written to %s (incomplete=true)%n"
                            + "continue with: %s%n", done, order.size(), out, again);
        } catch (IOException | RuntimeException e) {
            err.println("vmalab replay: interrupted; could not write the finished cells to " + out + ": "
                    + e.getMessage() + " (they stay in " + out.resolve(ResumeState.DIR) + "; --resume uses them)");
        }
        err.flush();
    }

    private static void writeFolder(ReplaySettings s, Path out, String command, List<LoadedTrace> traces,
                                    ResultTables tables, Map<String, String> more) throws IOException {
        tables.write(out);
        TracesTable.write(out, traces);
        List<Long> seeds = IntStream.rangeClosed(1, s.runs()).mapToObj(r -> Seeds.forRun(s.seed(), r)).toList();
        Map<String, String> props = new LinkedHashMap<>(MachineInfo.describe(command, seeds, s.amplification().describe(),
                s.amplification().backend(), s.deterministic()));
        if (s.lenient()) {
            props.put("lenient", "true");
            props.put("skipped", Long.toString(traces.stream().mapToLong(t -> t.skips().total()).sum()));
        }
        props.putAll(more);
        MachineInfo.write(out, props);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
