package dev.vmalab.replay.engine;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.replay.config.ReplaySettings;
import dev.vmalab.replay.config.Seeds;
import dev.vmalab.replay.measure.CellKey;
import dev.vmalab.replay.measure.CellResult;
import dev.vmalab.replay.measure.CellTiming;
import dev.vmalab.replay.measure.JvmActivity;
import dev.vmalab.replay.plan.ReplayPlan;
import dev.vmalab.replay.results.HistogramFiles;
import dev.vmalab.replay.trace.LoadedTrace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * In-process timing in short rounds: one common warm-up of every strategy's cells (before run 1),
 * then per run the measured pass of every strategy (summary.csv's row), then {@code reps - 1}
 * more rounds, each replaying every strategy's cells once, the strategies' order rotated each
 * round so none always runs first after another's JIT profile. Every pass is timed (CellTiming);
 * violations of every pass count.
 */
final class TimedRounds {
    private final ReplaySettings s;
    private final List<LookupStrategy> strategies;
    private final List<LoadedTrace> traces;
    private final int reps;
    private boolean warm;

    TimedRounds(ReplaySettings s, List<LookupStrategy> strategies, List<LoadedTrace> traces, int reps) {
        this.s = s;
        this.strategies = strategies;
        this.traces = traces;
        this.reps = reps;
    }

    /** The common warm-up runs at least this long, so the C2 compiler has seen every strategy's hot loops. */
    static final long MIN_WARMUP_MS = 1_000;
    /** ... and at most this long, even if the JIT never falls quiet (a big trace keeps compiling). */
    static final long MAX_WARMUP_MS = 10_000;

    /**
     * The common warm-up: rounds of every strategy's cells, at least {@code --jit-passes} of them and
     * {@value #MIN_WARMUP_MS} ms, then on until a round's JIT compile time is under
     * {@link CellTiming#JIT_SHARE} of its wall time (the compiler threads share the cores with the
     * workers), for {@value #MAX_WARMUP_MS} ms at most.
     */
    private void warmUp(Map<CellKey, CellReplay.Spec> specs, Map<CellKey, List<CellResult>> extra) {
        long start = System.nanoTime();
        for (int round = 0; ; round++) {
            JvmActivity before = JvmActivity.now();
            specs.forEach((k, spec) -> extra.get(k).add(CellReplay.run(spec)));
            JvmActivity a = JvmActivity.now().since(before);
            warmupRounds = round + 1;
            double elapsedMs = (System.nanoTime() - start) / 1e6;
            boolean quiet = a.jitMs() <= CellTiming.JIT_SHARE * a.wallNs() / 1e6;
            if (elapsedMs >= MAX_WARMUP_MS || round + 1 >= s.jitPasses() && elapsedMs >= MIN_WARMUP_MS && quiet) break;
        }
        warm = true;
    }

    /** Warm-up rounds the common warm-up took (0 before run 1). */
    int warmupRounds;

    List<CellResult> run(int run, Path out, Consumer<CellTiming> timing, Runnable onCellDone) throws IOException {
        long seed = Seeds.forRun(s.seed(), run);
        Map<CellKey, CellReplay.Spec> specs = new LinkedHashMap<>();
        for (LookupStrategy strategy : strategies) {
            for (LoadedTrace trace : traces) {
                for (int threads : s.threads()) {
                    CellKey key = new CellKey(trace.name(), strategy.name(), threads, run);
                    specs.put(key, new CellReplay.Spec(trace, ReplayPlan.of(trace.events(), threads, s.warmup()), strategy,
                            key, seed, s.amplification(), s.deterministic(), s.effectivePacing(), s.orderWindowNs(), s.jfr(),
                            s.repro(trace.path(), strategy.name(), threads, seed)));
                }
            }
        }
        Map<CellKey, List<CellResult>> extra = new LinkedHashMap<>();
        specs.keySet().forEach(k -> extra.put(k, new ArrayList<>()));
        if (!warm && !s.deterministic()) warmUp(specs, extra);
        Map<CellKey, CellTiming> timings = new LinkedHashMap<>();
        Map<CellKey, CellResult> measured = new LinkedHashMap<>();
        specs.forEach((k, spec) -> {
            CellTiming t = new CellTiming(k);
            timings.put(k, t);
            List<CellResult> passes = TimedPass.run(spec, t);
            measured.put(k, passes.getFirst());
            extra.get(k).addAll(passes.subList(1, passes.size()));
        });
        List<CellKey> keys = List.copyOf(specs.keySet());
        int perStrategy = keys.size() / strategies.size();
        for (int round = 1; round < reps; round++) {
            for (int i = 0; i < strategies.size(); i++) {
                int st = (i + round) % strategies.size();
                for (CellKey k : keys.subList(st * perStrategy, (st + 1) * perStrategy)) {
                    extra.get(k).addAll(TimedPass.run(specs.get(k), timings.get(k)));
                }
            }
        }
        List<CellResult> results = new ArrayList<>();
        for (CellKey k : keys) {
            CellResult r = measured.get(k);
            for (CellResult u : extra.get(k)) r = r.plusViolationsOf(u); // a violation counts whenever caught
            HistogramFiles.write(out, r);
            results.add(r);
            timing.accept(timings.get(k));
            onCellDone.run();
        }
        return results;
    }
}
