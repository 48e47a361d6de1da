package dev.vmalab.replay.stress;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.maple.WalkSemantics;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.replay.paired.PairedFiles;
import dev.vmalab.replay.paired.PairedTables;
import dev.vmalab.replay.paired.UnitCosts;
import java.util.ArrayList;
import dev.vmalab.replay.hunt.BuiltInHunt;
import dev.vmalab.replay.results.HistogramFiles;
import dev.vmalab.replay.results.MachineInfo;
import dev.vmalab.replay.results.ResultTables;
import dev.vmalab.replay.results.TracesTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hunt's result folder, in replay's format (docs/result-format.md) and written by replay's
 * writers, so {@code vmalab report} reads it like any replay: one summary row (trace
 * {@value StressRun#TRACE}, run 1), the violations with the stress repro command, retries,
 * workers, the latency log, machine.properties. Each file is written under a temporary name and
 * renamed.
 */
public final class StressFolder {
    private StressFolder() {}

    /** @param command the exact command line, for machine.properties */
    public static void write(Path out, StressOptions o, StressResult r, String command) throws IOException {
        Files.createDirectories(out);
        HistogramFiles.deleteAll(out);
        ResultTables tables = new ResultTables();
        tables.add(r.cell());
        HistogramFiles.write(out, r.cell());
        tables.write(out);
        TracesTable.write(out, List.of()); // no trace file: header only, and no earlier replay's rows left behind
        // A hunt is what the verdict's correctness rests on: the report reads this folder's hunt.csv (steps = lookups).
        ResultTables.writeCsv(out.resolve(BuiltInHunt.FILE), BuiltInHunt.COLUMNS, List.of(List.of(o.strategy(),
                StressRun.TRACE, Long.toString(o.seed()), Long.toString(r.cell().counters().lookups()),
                Long.toString(r.cell().violationTotal()), r.repro())));
        Map<String, String> props = MachineInfo.describe(command, List.of(o.seed()), StressRun.knobs(o), o.backend(), true);
        props.putAll(hunt(r));
        MachineInfo.write(out, props);
        // paired accounting: every -EAGAIN the hunt met, evaluated for the built-ins (a plug-in hunted
        // from a jar is not among them: its own row is in summary.csv only)
        List<LookupStrategy> compared = new ArrayList<>(StrategyRegistry.builtIn());
        PairedTables paired = new PairedTables();
        paired.add(r.cell().key(), 0, r.capture(), compared, GracePeriods.STRICT, WalkSemantics.RESUME_ACTIVE);
        PairedFiles.write(out, compared, paired, tables.summary(), WalkSemantics.RESUME_ACTIVE, UnitCosts.measure(),
                Map.of()); // no trace: no workload weighting
    }

    /** What the summary row cannot say: how far the hunt got, and what it was. */
    private static Map<String, String> hunt(StressResult r) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("stress_iterations", Long.toString(r.iterations()));
        p.put("stress_decisions", Long.toString(r.decisions()));
        p.put("stress_switches", Long.toString(r.switches()));
        p.put("stress_outcome", r.found() ? "violation" : "clean");
        return p;
    }
}
