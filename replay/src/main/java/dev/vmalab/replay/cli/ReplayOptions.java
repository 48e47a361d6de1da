package dev.vmalab.replay.cli;

import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.replay.config.Pacing;
import dev.vmalab.replay.config.ReplaySettings;
import dev.vmalab.replay.paired.RetryAccounting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options of {@code replay}, shared with the hidden {@code replay-cell} so a forked cell parses them the same way. */
public final class ReplayOptions {
    @Parameters(arity = "1..*", paramLabel = "TRACE", description = "Trace files: vmalab CSV or perf script text, plain or compressed.")
    List<Path> traces = new ArrayList<>();

    @Option(names = "--strategies", paramLabel = "all|a,b", defaultValue = "all",
            description = "Strategies to replay with (default: ${DEFAULT-VALUE}); the strategies command lists them.")
    String strategies;

    @Option(names = "--threads", split = ",", paramLabel = "N,N", defaultValue = "1,2",
            description = "Worker thread counts (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--runs", paramLabel = "R", defaultValue = "3", description = "Runs per cell, each with its own seed (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Base seed; run 1 uses it as is (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    AmplifyOptions amplify = new AmplifyOptions();

    @Mixin
    RetryOptions retry = new RetryOptions();

    @Option(names = "--deterministic", description = "One worker at a time, switching only at the model's yield points, chosen by the seed: the same seed gives the same interleaving.")
    boolean deterministic;

    @Option(names = "--pace", paramLabel = "fast|real|trace|X", defaultValue = "fast", converter = Converters.Pace.class,
            description = "fast = as fast as possible (default); real = the trace's own timing on the wall clock; "
                    + "X = X times the trace's speed; trace = on the trace's own clock: one worker per trace thread, "
                    + "one at a time in trace-time order, writers holding mmap_lock over their traced intervals "
                    + "(deterministic; what the kernel comparison needs).")
    Pacing pacing;

    @Option(names = "--warmup", paramLabel = "P%", defaultValue = "10%", converter = Converters.Share.class,
            description = "Share of each trace's events that run but are not counted (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--jit-passes", paramLabel = "N", defaultValue = "2",
            description = "Unmeasured whole replays of each cell before the measured one, so timings come from "
                    + "JIT-compiled code; not used with --deterministic (default: ${DEFAULT-VALUE}).")
    int jitPasses;

    @Option(names = "--order-window-ns", paramLabel = "NS", defaultValue = "1000000",
            description = "How far (trace time) a worker may run ahead of the slowest other one (default: ${DEFAULT-VALUE}).")
    long orderWindowNs;

    @Option(names = "--limit", paramLabel = "EVENTS", defaultValue = "0", description = "Replay at most this many events of each trace (0 = all).")
    long limit;

    @Option(names = "--strategy-jar", paramLabel = "JAR", description = "A jar with more strategies (ServiceLoader); repeatable.")
    List<Path> strategyJars = new ArrayList<>();

    @Option(names = "--in-process", description = "Replay every cell in this JVM instead of one forked JVM per (strategy, run).")
    boolean inProcess;

    @Option(names = "--jfr", description = "Record vmalab's JFR events (runs, violations, sampled lookups) into OUT/jfr/.")
    boolean jfr;

    @Option(names = "--profile", description = "Write an async-profiler CPU flame graph per strategy into OUT/flame/.")
    boolean profile;

    @Option(names = "--lenient",
            description = "Skip bad rows and impossible events of the traces (counted by reason, in traces.csv and the "
                    + "report) instead of refusing the trace; replay a damaged compressed trace up to the damage.")
    boolean lenient;

    /** --contention / --no-paired, checked; a bad value is a usage error. */
    RetryAccounting accounting(CommandLine cl) {
        try {
            return retry.accounting();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    /** The settings, checked; a bad value is a usage error naming what is allowed. */
    ReplaySettings settings(CommandLine cl) {
        StrategyRegistry registry;
        try {
            StrategyJars.check(strategyJars);
            registry = StrategyRegistry.withJars(strategyJars);
            registry.select(strategies);
            return new ReplaySettings(traces, strategies, threads, runs, seed, amplify.amplification(), deterministic,
                    pacing, warmup, jitPasses, orderWindowNs, limit, strategyJars, inProcess, jfr, profile, lenient);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }
}
