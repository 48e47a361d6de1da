package dev.vmalab.replay.cli;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.replay.config.ReplaySettings;
import dev.vmalab.replay.config.VerdictSettings;
import dev.vmalab.replay.engine.ReplayBatch;
import dev.vmalab.replay.results.CalibrationCopy;
import dev.vmalab.replay.hunt.BuiltInHunt;
import dev.vmalab.replay.results.ResultTables;
import java.util.List;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./vmalab replay TRACE...}: measure every strategy on real traces; writes a result folder. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay traces against each lookup strategy and write a result folder (docs/result-format.md).",
                "Each (strategy, run) replays in its own JVM unless --in-process; strategies alternate within each run."},
        footer = {"", "Example: ./vmalab replay traces/samples/xz-t2.csv.zst --strategies all --threads 1,2 --runs 3 --amplify max"})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ReplayOptions options = new ReplayOptions();

    @Mixin
    VerdictReplayOptions verdict = new VerdictReplayOptions();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports/out/replay",
            description = "Result folder (default: ${DEFAULT-VALUE}); an earlier replay's files there are removed.")
    Path out;

    @Option(names = "--calibration", paramLabel = "FILE",
            description = "A calibration file from './vmalab calibrate', copied into the result folder as calibration.properties:"
                    + " the report then prices node reads and fallbacks in this machine's kernel ns.")
    Path calibration;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the interrupted replay in DIR (same traces and options): only its missing cells run, with the same seeds.")
    Path resume;

    @Override
    public Integer call() throws Exception {
        ReplaySettings s = options.settings(spec.commandLine());
        for (Path t : s.traces()) {
            if (Files.isDirectory(t)) {
                throw new CommandLine.ParameterException(spec.commandLine(), t + ": is a directory, not a trace file");
            }
            if (!Files.isRegularFile(t)) throw new CommandLine.ParameterException(spec.commandLine(), "no such trace file: " + t);
        }
        if (calibration != null) {
            String bad = CalibrationCopy.check(calibration);
            if (bad != null) throw new CommandLine.ParameterException(spec.commandLine(), "--calibration " + bad);
        }
        if (resume != null) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--out") && !out.equals(resume)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--resume " + resume + " and --out " + out
                        + " name different folders");
            }
            out = resume;
        }
        dev.vmalab.traces.io.OutputTarget.checkFolder(out);
        PrintStream err = System.err;
        ReplayBatch.Outcome outcome;
        try (ProgressBars bar = new ProgressBars("replay")) {
            VerdictSettings v;
            try {
                v = verdict.settings(s.deterministic() || s.effectivePacing().traceClock()); // one worker at a time: no timing to repeat
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            outcome = ReplayBatch.run(s, options.accounting(spec.commandLine()), v, out, CommandLines.of(spec), err, bar,
                    resume != null);
        }
        if (calibration != null) CalibrationCopy.copyInto(calibration, outcome.out());
        for (var t : outcome.traces()) { // --lenient: what was left out (traces.csv and the report keep it too)
            if (!t.skips().isEmpty()) spec.commandLine().getErr().println("vmalab replay: " + t.path() + ": --lenient: " + t.skips().format());
        }
        printSummary(spec.commandLine().getOut(), s, outcome);
        return 0;
    }

    static void printSummary(PrintWriter o, ReplaySettings s, ReplayBatch.Outcome outcome) throws java.io.IOException {
        o.println("wrote " + outcome.out());
        Path huntDir = outcome.out().resolve(BuiltInHunt.FOLDER);
        ReplayBatch.Outcome hunt = Files.isRegularFile(outcome.out().resolve(BuiltInHunt.FILE))
                ? new ReplayBatch.Outcome(huntDir, ResultTables.read(huntDir), List.of()) : null;
        for (LookupStrategy st : StrategyRegistry.withJars(s.strategyJars()).select(s.strategies())) {
            long v = outcome.violations(st.name());
            // "none seen" is not "correct": the report's verdict decides that, from the hunt.
            String measured = v == 0 ? "no violations seen in the measured runs" : v + " violations (see violations.csv)";
            String hunted = hunt == null ? "no hunt" : hunt.violations(st.name()) == 0 ? "hunt clean"
                    : hunt.violations(st.name()) + " violations in the built-in hunt (hunt.csv)";
            o.printf("  %-18s %s; %s%n", st.name(), measured, hunted);
        }
        o.println("verdict: ./vmalab report " + outcome.out());
        o.flush();
    }
}
