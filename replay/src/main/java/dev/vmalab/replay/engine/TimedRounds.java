package dev.vmalab.replay.engine;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.replay.config.ReplaySettings;
import dev.vmalab.replay.config.Seeds;
import dev.vmalab.replay.measure.CellKey;
import dev.vmalab.replay.measure.CellResult;
import dev.vmalab.replay.measure.CellTiming;
import dev.vmalab.replay.measure.JvmActivity;
import dev.vmalab.replay.paired.PairedCapture;
import dev.vmalab.replay.paired.PairedTables;
import dev.vmalab.replay.plan.ReplayPlan;
import dev.vmalab.replay.results.HistogramFiles;
import dev.vmalab.replay.trace.LoadedTrace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * In-process timing in short rounds: one common warm-up of every strategy's cells (before run 1),
 * then per run {@code reps} rounds, each replaying every strategy's cells once, (trace, threads) by
 * (trace, threads), every strategy's cell of one back to back (the first round's first replay is
 * summary.csv's row), the strategies' order shuffled (seeded) each round, run and cell so none
 * always runs first, or always after the same other one. Every pass is timed (CellTiming);
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

    /**
     * The common warm-up uses at least this much process CPU time (not wall time: on a shared machine
     * a wall second may be a tenth of a CPU second), so C2 has compiled every strategy's hot loops.
     */
    static final long MIN_WARMUP_MS = 4_000;
    /** The JIT must be quiet over a window of rounds at least this long (one small round proves nothing). */
    static final long QUIET_WINDOW_MS = 500;
    /** ... and at most this long, even if the JIT never falls quiet (a big trace keeps compiling). */
    static final long MAX_WARMUP_MS = 20_000;
    /**
     * The first warm-up rounds also replay every cell with {@code -EAGAIN} raised to this rate (the contention
     * sweep's writer, ContentionRate) and its -EAGAINs evaluated for every strategy (paired accounting, as the
     * sweep does; the table dropped), so the JIT has compiled the retry paths before run 1: without it the
     * first -EAGAINs (the sweep after run 1, or a rare one of the trace's own) deoptimise the lookup path and
     * every later run is slower than run 1 (measured in the demo, quiet machine: run 1 10% faster than runs 2-5
     * in every cell, the largest part of the runs' CV).
     */
    static final double WARM_CONTENTION = 0.01;
    /** ... in the first this many rounds (enough -EAGAINs for C2's profiles; the rest of the warm-up costs no more). */
    static final int WARM_CONTENTION_ROUNDS = 3;

    /**
     * The common warm-up: rounds of every strategy's cells (the first ones each also at {@link #WARM_CONTENTION}), at least {@code --jit-passes} of them and
     * {@value #MIN_WARMUP_MS} ms of CPU, then on until the JIT compile time of a window of rounds of
     * at least {@value #QUIET_WINDOW_MS} ms is under {@link CellTiming#JIT_SHARE} of its wall time (the compiler threads share the cores with the
     * workers), for {@value #MAX_WARMUP_MS} ms at most.
     */
    private void warmUp(Map<CellKey, CellReplay.Spec> specs, Map<CellKey, List<CellResult>> extra,
                        List<LookupStrategy> compared) {
        JvmActivity start = JvmActivity.now();
        JvmActivity window = start;
        for (int round = 0; ; round++) {
            boolean retries = round < WARM_CONTENTION_ROUNDS;
            specs.forEach((k, spec) -> {
                extra.get(k).add(CellReplay.run(spec));
                if (!retries) return;
                // results dropped: that level's violations are its own cells'; the paired evaluation as the sweep runs it
                PairedCapture capture = compared.isEmpty() ? null : new PairedCapture();
                CellReplay.run(spec, capture, WARM_CONTENTION);
                if (capture != null) {
                    new PairedTables().add(k, WARM_CONTENTION, capture, compared, s.amplification().gracePeriods(),
                            s.amplification().walkSemantics());
                }
            });
            JvmActivity after = JvmActivity.now();
            JvmActivity total = after.since(start);
            JvmActivity w = after.since(window);
            warmupRounds = round + 1;
            if (total.wallNs() / 1e6 >= MAX_WARMUP_MS) break;
            if (w.wallNs() / 1e6 < QUIET_WINDOW_MS) continue;
            double cpuMs = total.cpuNs() < 0 ? total.wallNs() / 1e6 : total.cpuNs() / 1e6;
            boolean quiet = w.jitMs() <= CellTiming.JIT_SHARE * w.wallNs() / 1e6;
            if (round + 1 >= s.jitPasses() && cpuMs >= MIN_WARMUP_MS && quiet) break;
            window = after;
        }
        warm = true;
    }

    /**
     * The strategies' order for one (trace, threads) in one round: shuffled by the run's seed, so none always runs
     * first, or always after the same other one (a rotation would keep every strategy behind the same predecessor).
     */
    private List<Integer> order(long seed, int round, int cell) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < strategies.size(); i++) order.add(i);
        java.util.Collections.shuffle(order, new java.util.Random(seed * 31 + round * 1_000_003L + cell));
        return order;
    }

    /** Warm-up rounds the common warm-up took (0 before run 1). */
    int warmupRounds;

    /**
     * @param compared the strategies each measured -EAGAIN is evaluated for (empty: no paired accounting)
     * @param paired   gets each cell's capture of its measured replay
     */
    List<CellResult> run(int run, Path out, Consumer<CellTiming> timing, Runnable onCellDone,
                         List<LookupStrategy> compared, BiConsumer<CellKey, PairedCapture> paired) throws IOException {
        long seed = Seeds.forRun(s.seed(), run);
        Map<CellKey, CellReplay.Spec> specs = new LinkedHashMap<>();
        for (LookupStrategy strategy : strategies) {
            for (LoadedTrace trace : traces) {
                for (int threads : s.threads()) {
                    CellKey key = new CellKey(trace.name(), strategy.name(), threads, run);
                    specs.put(key, new CellReplay.Spec(trace, CellBatch.plan(s, trace, threads), AaStrategy.code(strategy),
                            key, seed, s.amplification(), s.deterministic(), s.effectivePacing(), s.orderWindowNs(), s.jfr(),
                            s.repro(trace.path(), strategy.name(), threads, seed)));
                }
            }
        }
        Map<CellKey, List<CellResult>> extra = new LinkedHashMap<>();
        specs.keySet().forEach(k -> extra.put(k, new ArrayList<>()));
        if (!warm && !s.deterministic() && !s.effectivePacing().traceClock()) warmUp(specs, extra, compared); // nothing timed matters there
        Map<CellKey, CellTiming> timings = new LinkedHashMap<>();
        Map<CellKey, CellResult> measured = new LinkedHashMap<>();
        specs.keySet().forEach(k -> timings.put(k, new CellTiming(k)));
        List<CellKey> keys = List.copyOf(specs.keySet());
        int perStrategy = keys.size() / strategies.size();
        for (int round = 0; round < reps; round++) {
            // every strategy's cell of one (trace, threads) back to back: each pass has other strategies' passes
            // of the same moment, the witnesses of the machine's speed then (CommonSlowdown)
            for (int cell = 0; cell < perStrategy; cell++) {
                for (int st : order(seed, round, cell)) {
                    CellKey k = keys.get(st * perStrategy + cell);
                    PairedCapture capture = round == 0 && !compared.isEmpty() ? new PairedCapture() : null;
                    List<CellResult> passes = TimedPass.run(specs.get(k), timings.get(k), capture, 0);
                    if (capture != null) paired.accept(k, capture);
                    if (round == 0) {
                        measured.put(k, passes.getFirst());
                        passes = passes.subList(1, passes.size());
                    }
                    extra.get(k).addAll(passes);
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
