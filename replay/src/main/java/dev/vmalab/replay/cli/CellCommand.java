package dev.vmalab.replay.cli;

import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.replay.config.ReplaySettings;
import dev.vmalab.replay.engine.AaStrategy;
import dev.vmalab.replay.engine.CellBatch;
import dev.vmalab.replay.paired.PairedTables;
import dev.vmalab.replay.measure.CellKey;
import dev.vmalab.replay.results.ResumeState;
import dev.vmalab.replay.results.TimingTable;
import dev.vmalab.replay.results.ResultTables;
import dev.vmalab.replay.trace.LoadedTrace;
import dev.vmalab.replay.trace.TraceLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Hidden: what a forked JVM runs for one (strategy, run). It skips the cells the replay in --out has
 * done (a resumed replay) and records each cell it finishes in OUT/.partial/ (ResumeState) for the
 * parent to read back: a cell stopped by SIGINT/SIGTERM loses only itself.
 */
@Command(name = "replay-cell", hidden = true, description = "Internal: one isolated (strategy, run) of a replay.")
public final class CellCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ReplayOptions options = new ReplayOptions();

    @Mixin
    VerdictReplayOptions verdict = new VerdictReplayOptions();

    @Option(names = "--cell-strategy", required = true)
    String strategy;

    @Option(names = "--cell-run", required = true)
    int run;

    @Option(names = "--out", required = true)
    Path out;

    @Override
    public Integer call() throws Exception {
        ReplaySettings s = options.settings(spec.commandLine());
        List<LoadedTrace> traces = new ArrayList<>();
        for (Path t : s.traces()) traces.add(TraceLoader.load(t, s.limit(), s.lenient()));
        var registry = StrategyRegistry.withJars(s.strategyJars());
        ResumeState state = ResumeState.attach(out);
        CellBatch.Cells cells = new CellBatch.Cells() {
            @Override
            public boolean done(CellKey key, double target) {
                return state.isDone(ResumeState.cell(key, target));
            }

            @Override
            public void finished(CellKey key, double target, ResultTables rows, PairedTables paired, TimingTable timing)
                    throws java.io.IOException {
                state.finished(ResumeState.cell(key, target), rows, paired, timing);
            }
        };
        CellBatch.run(s, options.accounting(spec.commandLine()), AaStrategy.resolve(registry, strategy), run, traces, out,
                System.err, () -> {}, new ResultTables(), new PairedTables(), new ArrayList<>(),
                verdict.settings(s.deterministic()).reps(), t -> {}, cells);
        return 0;
    }
}
