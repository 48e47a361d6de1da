package dev.vmalab.replay.hunt;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.replay.config.Amplification;
import dev.vmalab.replay.config.Pacing;
import dev.vmalab.replay.config.ReplaySettings;
import dev.vmalab.replay.config.Seeds;
import dev.vmalab.replay.config.VerdictSettings;
import dev.vmalab.replay.engine.ReplayBatch;
import dev.vmalab.replay.results.ResultCsv;
import dev.vmalab.replay.results.ResultTables;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bounded hunt a replay runs itself, so that its verdict can call a strategy correct: every
 * strategy on the same traces under {@code --amplify max} (strict grace periods, a KASAN-sized
 * quarantine, the retry window widened) and the seeded one-at-a-time scheduler, one run at the
 * replay's most threads (2 at least), into {@code OUT/hunt/} (a result folder of its own); then
 * {@code OUT/hunt.csv}: strategy, trace, seeds, steps (lookups), violations, repro. Bounded by
 * the traces: one deterministic pass each, no wall-clock budget, so the same options give the
 * same rows.
 */
public final class BuiltInHunt {
    public static final String FILE = "hunt.csv";
    public static final String FOLDER = "hunt";
    public static final List<String> COLUMNS = List.of("strategy", "trace", "seeds", "steps", "violations", "repro");

    private BuiltInHunt() {}

    /** The hunt's settings: the replay's traces, strategies and tree, --amplify max --deterministic, 1 run. */
    public static ReplaySettings settings(ReplaySettings s, List<LookupStrategy> strategies) {
        int threads = Math.max(2, s.threads().stream().mapToInt(Integer::intValue).max().orElse(2));
        return new ReplaySettings(s.traces(), strategies.stream().map(LookupStrategy::name).collect(Collectors.joining(",")),
                List.of(threads), 1, s.seed(), Amplification.of(Amplification.Preset.MAX).withBackend(s.amplification().backend()),
                true, Pacing.FAST, s.warmup(), 0, s.orderWindowNs(), s.limit(), s.strategyJars(), true, false, false,
                s.lenient());
    }

    /** Runs the hunt into {@code out/hunt} and writes {@code out/hunt.csv}; returns the hunt's tables. */
    public static ResultTables run(ReplaySettings s, List<LookupStrategy> strategies, Path out, PrintStream err)
            throws IOException {
        ReplaySettings h = settings(s, strategies);
        Path dir = out.resolve(FOLDER);
        ResultTables t = ReplayBatch.run(h, VerdictSettings.NONE, dir, h.command(dir), err, ReplayBatch.Progress.NONE).tables();
        ResultTables.writeCsv(out.resolve(FILE), COLUMNS, rows(t, Seeds.forRun(h.seed(), 1)));
        return t;
    }

    static List<List<String>> rows(ResultTables t, long seed) {
        int trace = ResultCsv.SUMMARY.indexOf("trace"), strategy = ResultCsv.SUMMARY.indexOf("strategy");
        int lookups = ResultCsv.SUMMARY.indexOf("lookups"), violations = ResultCsv.SUMMARY.indexOf("violations");
        Map<String, String> repro = new LinkedHashMap<>();
        int vs = ResultCsv.VIOLATIONS.indexOf("strategy"), vt = ResultCsv.VIOLATIONS.indexOf("trace");
        int vr = ResultCsv.VIOLATIONS.indexOf("repro");
        for (List<String> v : t.violations()) repro.putIfAbsent(v.get(vs) + "|" + v.get(vt), v.get(vr));
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r : t.summary()) {
            rows.add(List.of(r.get(strategy), r.get(trace), Long.toString(seed), r.get(lookups), r.get(violations),
                    repro.getOrDefault(r.get(strategy) + "|" + r.get(trace), "")));
        }
        return rows;
    }
}
