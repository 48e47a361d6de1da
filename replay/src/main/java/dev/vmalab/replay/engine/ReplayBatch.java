package dev.vmalab.replay.engine;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.replay.config.ReplaySettings;
import dev.vmalab.replay.config.Seeds;
import dev.vmalab.replay.isolate.CellLauncher;
import dev.vmalab.replay.paired.PairedFiles;
import dev.vmalab.replay.paired.PairedTables;
import dev.vmalab.replay.paired.RetryAccounting;
import dev.vmalab.replay.paired.UnitCosts;
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
        return run(s, RetryAccounting.DEFAULT, out, command, err, progress);
    }

    public static Outcome run(ReplaySettings s, RetryAccounting accounting, Path out, String command, PrintStream err,
                              Progress progress) throws IOException {
        List<LookupStrategy> strategies = StrategyRegistry.withJars(s.strategyJars()).select(s.strategies());
        List<LoadedTrace> traces = new ArrayList<>();
        for (Path t : s.traces()) traces.add(TraceLoader.load(t, s.limit()));
        Files.createDirectories(out);
        clearOldRuns(out);
        int cellsPerBatch = traces.size() * s.threads().size() * accounting.targets().size();
        progress.cells((long) s.runs() * strategies.size() * cellsPerBatch);

        ResultTables tables = new ResultTables();
        PairedTables paired = new PairedTables();
        for (int run = 1; run <= s.runs(); run++) {
            for (LookupStrategy strategy : strategies) {
                if (s.inProcess()) {
                    CellBatch.run(s, accounting, strategy, run, traces, out, err, () -> progress.step(1), tables, paired,
                            new ArrayList<>());
                } else {
                    Path cellDir = out.resolve(".cells").resolve("r" + run + "-" + strategy.name());
                    CellLauncher.run(s.traces(), s, accounting.args(), strategy.name(), run, out, cellDir);
                    tables.addAll(ResultTables.read(cellDir));
                    paired.addAll(PairedTables.read(cellDir));
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
        if (accounting.paired()) {
            PairedFiles.write(out, strategies, paired, tables.summary(), s.amplification().walkSemantics(), UnitCosts.measure());
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
