package dev.vmalab.replay.config;

import dev.vmalab.replay.paired.RetryAccounting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything a replay needs to know, as parsed from the command line; the same value
 * drives the parent, its forked cells, and the repro command of each violation.
 *
 * @param traces        trace files (vmalab CSV or perf script text, any compression)
 * @param strategies    "all" or names, as given
 * @param threads       worker thread counts to replay at
 * @param runs          repeats (each with its own seed, {@link Seeds#forRun})
 * @param seed          the base seed
 * @param warmup        share of each trace's events that run but are not counted (0..0.9)
 * @param jitPasses     whole unmeasured replays of each cell before the measured one, so the
 *                      measured pass runs JIT-compiled code (timing only: 0 when deterministic)
 * @param orderWindowNs how far (trace ns) a worker may run ahead of the slowest other worker
 * @param limit         replay at most this many events of each trace (0 = all)
 * @param lenient       skip bad rows and impossible events of the traces (counted by reason in traces.csv)
 *                      instead of refusing the trace; a damaged compressed trace is replayed up to the damage
 */
public record ReplaySettings(List<Path> traces, String strategies, List<Integer> threads, int runs, long seed,
                             Amplification amplification, boolean deterministic, Pacing pacing, double warmup,
                             int jitPasses, long orderWindowNs, long limit, List<Path> strategyJars, boolean inProcess, boolean jfr,
                             boolean profile, boolean lenient) {
    public ReplaySettings {
        traces = List.copyOf(traces);
        threads = List.copyOf(threads);
        strategyJars = List.copyOf(strategyJars);
        if (threads.isEmpty() || threads.stream().anyMatch(t -> t < 1 || t > 256)) {
            throw new IllegalArgumentException("--threads takes counts from 1 to 256, got " + threads);
        }
        if (runs < 1) throw new IllegalArgumentException("--runs must be >= 1, is " + runs);
        if (warmup < 0 || warmup > 0.9) throw new IllegalArgumentException("--warmup must be 0% to 90%, is " + warmup);
        if (jitPasses < 0 || jitPasses > 100) throw new IllegalArgumentException("--jit-passes must be 0 to 100, is " + jitPasses);
        if (orderWindowNs < 0) throw new IllegalArgumentException("--order-window-ns must be >= 0");
        if (limit < 0) throw new IllegalArgumentException("--limit must be >= 0");
        if (pacing.traceClock() && amplification.churn()) {
            throw new IllegalArgumentException("--churn does not go with --pace trace: the churn writer has no trace time");
        }
    }

    /** Strict reading of the traces (the first bad row refuses the trace). */
    public ReplaySettings(List<Path> traces, String strategies, List<Integer> threads, int runs, long seed,
                          Amplification amplification, boolean deterministic, Pacing pacing, double warmup,
                          int jitPasses, long orderWindowNs, long limit, List<Path> strategyJars, boolean inProcess,
                          boolean jfr, boolean profile) {
        this(traces, strategies, threads, runs, seed, amplification, deterministic, pacing, warmup, jitPasses,
                orderWindowNs, limit, strategyJars, inProcess, jfr, profile, false);
    }

    /**
     * Wall-clock pacing does not go with the deterministic scheduler: a deterministic replay runs as fast as it
     * can. The trace clock is deterministic by itself and stays.
     */
    public Pacing effectivePacing() {
        return deterministic && !pacing.traceClock() ? Pacing.FAST : pacing;
    }

    /**
     * The {@code ./vmalab replay} command that replays one cell again: run 1 of the repro uses
     * {@code runSeed} itself, so the seed and every option that shapes the interleaving are fixed.
     */
    public String repro(Path trace, String strategy, int threadCount, long runSeed) {
        return repro(trace, strategy, threadCount, runSeed, 0);
    }

    /**
     * The same for a cell of the contention sweep: {@code --contention} with that cell's target alone (the
     * sweep's writer churn is what made the interleaving), so the repro replays that one set of cells.
     */
    public String repro(Path trace, String strategy, int threadCount, long runSeed, double contentionTarget) {
        List<String> a = new ArrayList<>(List.of("./vmalab", "replay", trace.toString(), "--strategies", strategy,
                "--threads", Integer.toString(threadCount), "--runs", "1", "--seed", Long.toString(runSeed)));
        if (contentionTarget > 0) a.addAll(List.of("--contention", RetryAccounting.format(contentionTarget)));
        if (deterministic) a.add("--deterministic");
        a.addAll(amplification.args());
        a.addAll(List.of("--warmup", Percent.format(warmup), "--order-window-ns", Long.toString(orderWindowNs)));
        if (!effectivePacing().fast()) a.addAll(List.of("--pace", effectivePacing().toString()));
        if (limit > 0) a.addAll(List.of("--limit", Long.toString(limit)));
        if (lenient) a.add("--lenient"); // the same rows skipped, or the trace is refused
        // absolute, so the command works from wherever ./vmalab is run
        for (Path jar : strategyJars) a.addAll(List.of("--strategy-jar", jar.toAbsolutePath().normalize().toString()));
        return a.stream().map(ReplaySettings::quote).collect(Collectors.joining(" "));
    }

    /** The options (no trace paths) that make a forked cell JVM replay exactly as this one would. */
    public List<String> args() {
        List<String> a = new ArrayList<>(List.of("--strategies", strategies, "--threads",
                String.join(",", threads.stream().map(String::valueOf).toList()), "--runs", Integer.toString(runs),
                "--seed", Long.toString(seed)));
        if (deterministic) a.add("--deterministic");
        a.addAll(amplification.args());
        a.addAll(List.of("--warmup", Percent.format(warmup), "--jit-passes", Integer.toString(jitPasses),
                "--order-window-ns", Long.toString(orderWindowNs), "--pace", pacing.toString(), "--limit",
                Long.toString(limit)));
        for (Path jar : strategyJars) a.addAll(List.of("--strategy-jar", jar.toString()));
        if (jfr) a.add("--jfr");
        if (profile) a.add("--profile");
        if (lenient) a.add("--lenient");
        return a;
    }

    /** The {@code ./vmalab replay} command line that makes this replay into {@code out}. */
    public String command(Path out) {
        List<String> a = new ArrayList<>(List.of("./vmalab", "replay"));
        for (Path t : traces) a.add(t.toString());
        a.addAll(args());
        if (inProcess) a.add("--in-process");
        a.addAll(List.of("--out", out.toString()));
        return a.stream().map(ReplaySettings::quote).collect(Collectors.joining(" "));
    }

    /** Quotes an argument for a POSIX shell when it needs it. */
    public static String quote(String arg) {
        return arg.matches("[A-Za-z0-9_./:,=%+@-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
