package dev.vmalab.replay.engine;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.replay.config.ReplaySettings;
import dev.vmalab.replay.config.Seeds;
import dev.vmalab.replay.config.VerdictSettings;
import dev.vmalab.replay.hunt.BuiltInHunt;
import dev.vmalab.replay.results.TimingTable;
import dev.vmalab.replay.isolate.CellLauncher;
import dev.vmalab.replay.measure.CellResult;
import dev.vmalab.replay.results.HistogramFiles;
import dev.vmalab.replay.results.MachineInfo;
import dev.vmalab.replay.results.ResultCsv;
import dev.vmalab.replay.results.ResultTables;
import dev.vmalab.replay.results.TracesTable;
import dev.vmalab.replay.trace.LoadedTrace;
import dev.vmalab.replay.trace.TraceLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
        return run(s, VerdictSettings.NONE, out, command, err, progress);
    }

    /**
     * With {@code v}: the A/A control joins the strategies, each cell is measured {@code v.reps()} times
     * (in-process: in rounds alternating the strategies, {@link TimedRounds}) into timing.csv, and the
     * built-in hunt runs after the measured runs into OUT/hunt and OUT/hunt.csv.
     */
    public static Outcome run(ReplaySettings s, VerdictSettings v, Path out, String command, PrintStream err,
                              Progress progress) throws IOException {
        List<LookupStrategy> selected = StrategyRegistry.withJars(s.strategyJars()).select(s.strategies());
        List<LookupStrategy> strategies = new ArrayList<>(selected);
        if (v.aaControl()) strategies.add(new AaStrategy(AaStrategy.referenceOf(selected)));
        List<LoadedTrace> traces = new ArrayList<>();
        for (Path t : s.traces()) traces.add(TraceLoader.load(t, s.limit()));
        Files.createDirectories(out);
        clearOldRuns(out);
        int cellsPerBatch = traces.size() * s.threads().size();
        progress.cells((long) s.runs() * strategies.size() * cellsPerBatch);

        ResultTables tables = new ResultTables();
        TimingTable timing = new TimingTable();
        // Rounds need one JVM for all strategies; JFR and the profiler record per (strategy, run) batch.
        TimedRounds rounds = s.inProcess() && !s.jfr() && !s.profile() && v.reps() > 1
                ? new TimedRounds(s, strategies, traces, v.reps()) : null;
        for (int run = 1; run <= s.runs(); run++) {
            if (rounds != null) {
                for (CellResult r : rounds.run(run, out, timing::add, () -> progress.step(1))) tables.add(r);
                continue;
            }
            for (LookupStrategy strategy : strategies) {
                if (s.inProcess()) {
                    for (CellResult r : CellBatch.run(s, strategy, run, traces, out, err, () -> progress.step(1),
                            v.reps(), timing::add)) {
                        tables.add(r);
                    }
                } else {
                    Path cellDir = out.resolve(".cells").resolve("r" + run + "-" + strategy.name());
                    CellLauncher.run(s.traces(), s, strategy.name(), run, out, cellDir, List.of("--reps", Integer.toString(v.reps())));
                    tables.addAll(ResultTables.read(cellDir));
                    timing.addAll(TimingTable.read(cellDir));
                    deleteTree(cellDir);
                    progress.step(cellsPerBatch);
                }
            }
        }
        deleteTree(out.resolve(".cells"));
        tables.write(out);
        TracesTable.write(out, traces);
        List<Long> seeds = IntStream.rangeClosed(1, s.runs()).mapToObj(r -> Seeds.forRun(s.seed(), r)).toList();
        MachineInfo.write(out, MachineInfo.describe(command, seeds, s.amplification().describe(),
                s.amplification().backend(), s.deterministic()));
        if (v != VerdictSettings.NONE) {
            timing.write(out);
            if (v.hunt()) BuiltInHunt.run(s, selected, out, err);
            MachineInfo.append(out, VerdictInfo.describe(selected, v, strategies.size() > selected.size()
                    ? strategies.getLast().name() : ""));
        }
        return new Outcome(out, tables, traces);
    }

    /** Histogram logs of an earlier replay into the same folder would be mistaken for this one's. */
    private static void clearOldRuns(Path out) throws IOException {
        HistogramFiles.deleteAll(out);
        deleteTree(out.resolve(".cells"));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
