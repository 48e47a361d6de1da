package dev.vmalab.replay.engine;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.replay.config.ReplaySettings;
import dev.vmalab.replay.config.Seeds;
import dev.vmalab.replay.measure.CellKey;
import dev.vmalab.replay.measure.CellResult;
import dev.vmalab.replay.measure.CellTiming;
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
        if (!warm && !s.deterministic()) { // the common warm-up: every strategy's code JIT-compiled before any timing
            for (int p = 0; p < s.jitPasses(); p++) specs.forEach((k, spec) -> extra.get(k).add(CellReplay.run(spec)));
            warm = true;
        }
        Map<CellKey, CellTiming> timings = new LinkedHashMap<>();
        Map<CellKey, CellResult> measured = new LinkedHashMap<>();
        specs.forEach((k, spec) -> {
            CellTiming t = new CellTiming(k);
            timings.put(k, t);
            measured.put(k, TimedPass.run(spec, t));
        });
        List<CellKey> keys = List.copyOf(specs.keySet());
        int perStrategy = keys.size() / strategies.size();
        for (int round = 1; round < reps; round++) {
            for (int i = 0; i < strategies.size(); i++) {
                int st = (i + round) % strategies.size();
                for (CellKey k : keys.subList(st * perStrategy, (st + 1) * perStrategy)) {
                    extra.get(k).add(TimedPass.run(specs.get(k), timings.get(k)));
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
