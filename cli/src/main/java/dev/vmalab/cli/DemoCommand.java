package dev.vmalab.cli;

import dev.vmalab.replay.cli.BackendOptions;
import dev.vmalab.replay.config.Amplification;
import dev.vmalab.replay.config.BackendChoice;
import dev.vmalab.replay.config.Pacing;
import dev.vmalab.replay.config.ReplaySettings;
import dev.vmalab.replay.config.VerdictSettings;
import dev.vmalab.replay.engine.ReplayBatch;
import dev.vmalab.replay.paired.RetryAccounting;
import dev.vmalab.replay.results.CalibrationCopy;
import dev.vmalab.replay.hunt.BuiltInHunt;
import dev.vmalab.replay.results.MachineInfo;
import dev.vmalab.replay.results.ResultCsv;
import dev.vmalab.replay.results.ResultTables;
import dev.vmalab.reports.ReportGenerator;
import dev.vmalab.reports.verdict.Verdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./vmalab demo}: the whole lab in a minute or two. A measured replay of the bundled samples
 * with every strategy and the A/A control (in one JVM, strategies alternating in rounds, threads 1
 * and 2, no amplification) into OUT, with the replay's built-in deterministic hunt
 * ({@code --amplify max}) into OUT/hunt and OUT/hunt.csv, whose violations (each with its repro
 * command) are added to OUT/violations.csv; then the report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Replay the bundled sample traces with every strategy, hunt for violations, report the verdict.",
                "The hunt runs with --amplify max; the report is rendered into OUT and the verdict printed.",
                "With --backend native-asan (or native) both replays run on the kernel's own maple tree; on native (no ASan)"
                        + " the known-incorrect strategies read freed memory and may crash a JVM: prefer native-asan."})
public final class DemoCommand implements Callable<Integer> {
    /** The demo's retry accounting: paired, at the traces' own contention and two sweep levels. */
    static final RetryAccounting DEMO_SWEEP = new RetryAccounting(true, List.of(0.0, 0.001, 0.01));

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Result folder (default: VMALAB_HOME/reports/out/demo).")
    Path out;

    // 4 runs a side is the fewest with which Mann-Whitney can reach p < 0.05 (reports/README.md); one more, so a
    // run the timing rule calls disturbed (timing.csv) still leaves the A/A control and the A/B table judgeable.
    @Option(names = "--runs", paramLabel = "R", defaultValue = "5", description = "Measured runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Base seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--in-process", description = "Measure in this JVM (the default): strategies alternate in short rounds after one common warm-up.")
    boolean inProcess;

    @Option(names = "--forked", description = "Measure each (strategy, run) in its own JVM instead: more isolated, slower.")
    boolean forked;

    @Mixin
    BackendOptions backend = new BackendOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (runs < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be >= 1, is " + runs);
        BackendChoice tree;
        try {
            tree = backend.choice(); // before the samples load: a bad --kernel-src is refused at once
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path home = DemoTraces.home();
        Path dir = out != null ? out : home.resolve("reports").resolve("out").resolve("demo");
        List<Path> traces = DemoTraces.samples(home);
        if (traces.isEmpty()) {
            traces = DemoTraces.generate(dir.resolve("traces"));
            o.println("no samples in " + home.resolve("traces/samples") + "; replaying generated traces instead");
        }
        long started = System.nanoTime();
        ReplaySettings measure = new ReplaySettings(traces, "all", List.of(1, 2), runs, seed,
                Amplification.of(Amplification.Preset.NONE).withBackend(tree), false, Pacing.FAST, 0.1, 1, 1_000_000, 0, List.of(),
                !forked, false, false);
        o.printf("demo: %d traces x 6 strategies + the A/A control; measuring (%d runs, threads 1,2, %d repetitions a cell),"
                + " then the built-in hunt (--amplify max --deterministic) ...%n", traces.size(), runs, VerdictSettings.DEFAULT.reps());
        o.flush();
        // The replay's own hunt (OUT/hunt, OUT/hunt.csv) is the demo's: the verdict's correctness comes from it.
        // and the contention sweep (0.1 %, 1 % of faults retried): where the strategies differ at all
        ReplayBatch.run(measure, DEMO_SWEEP, VerdictSettings.DEFAULT, dir, "./vmalab demo", System.err,
                ReplayBatch.Progress.NONE, false);
        Path huntDir = dir.resolve(BuiltInHunt.FOLDER);
        ReplayBatch.Outcome found = new ReplayBatch.Outcome(huntDir, ResultTables.read(huntDir), List.of());
        mergeViolations(dir, found.tables(), measure.command(dir));
        DemoKernelPass.run(traces, seed, tree, dir, o);

        Path calibration = dev.vmalab.nativebackend.cli.CalibrateCommand.defaultFile();
        if (CalibrationCopy.check(calibration) == null) {
            CalibrationCopy.copyInto(calibration, dir);
            o.println("demo: kernel unit costs from " + calibration);
        } else {
            java.nio.file.Files.deleteIfExists(dir.resolve(CalibrationCopy.FILE)); // an earlier demo's, not this one's
            o.println("demo: no calibration at " + calibration + " (run ./vmalab calibrate): the report prices counts with the model's own ns");
        }
        Verdict verdict = ReportGenerator.render(dir);
        o.printf("demo: done in %.0f s; report %s%n", (System.nanoTime() - started) / 1e9, dir.resolve("index.html"));
        for (String s : found.tables().summary().stream().map(r -> r.get(1)).distinct().toList()) {
            long v = found.violations(s);
            o.printf("  %-18s %s%n", s, v == 0 ? "no violations" : v + " violations under --amplify max");
        }
        o.println("verdict: " + verdict.headline());
        o.println(verdict.stability().line()); // report: "Timing stability"; verdict.json: timing_stability
        o.flush();
        return 0;
    }

    /** The hunt's violations join the measured folder's, so the report's verdict sees them (each row keeps its repro). */
    private static void mergeViolations(Path dir, ResultTables hunt, String measureCommand) throws java.io.IOException {
        ResultTables measured = ResultTables.read(dir);
        List<List<String>> rows = new ArrayList<>(measured.violations());
        rows.addAll(hunt.violations());
        ResultTables.writeCsv(dir.resolve(ResultTables.VIOLATIONS), ResultCsv.VIOLATIONS, rows);
        Map<String, String> more = new LinkedHashMap<>();
        more.put("measure_command", measureCommand);
        more.put("hunt_folder", dir.relativize(dir.resolve("hunt")).toString());
        more.put("hunt_note", "violations.csv also holds the rows of the deterministic --amplify max hunt in hunt/");
        MachineInfo.append(dir, more);
    }
}
