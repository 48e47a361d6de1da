package dev.vmalab.replay.paired;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.maple.WalkSemantics;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.retry.EventScenario;
import dev.vmalab.model.retry.LiveLayout;
import dev.vmalab.model.retry.RetryResult;
import dev.vmalab.model.retry.Scenario;
import dev.vmalab.model.retry.ScenarioRunner;
import dev.vmalab.replay.measure.CellKey;
import dev.vmalab.traces.io.AtomicOutput;
import dev.vmalab.traces.stats.ExposureClassifier;
import dev.vmalab.traces.stats.ExposureKind;
import dev.vmalab.replay.results.ResultTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * paired.csv's rows: each captured -EAGAIN evaluated for every strategy under comparison
 * (after the cell, on private kernels: {@link ScenarioRunner}). A forked cell writes them
 * into its own folder and the parent reads them back, as with {@link ResultTables}.
 */
public final class PairedTables {
    public static final String PAIRED = "paired.csv";
    /** A forked cell's count of events it could not read (its folder only; the parent puts it in machine.properties). */
    private static final String UNREADABLE = "paired-unreadable.txt";
    public static final List<String> COLUMNS = List.of("trace", "threads", "run", "event", "strategy", "address",
            "scenario", "outcome", "nodes_read", "walks_from_root", "stale_index", "stale_node", "violation",
            "contention_target", "live_strategy");

    private final List<List<String>> rows = new ArrayList<>();
    private long unreadable;

    /**
     * Evaluates the events one cell captured, for each strategy in {@code compared}. An event
     * whose scenario cannot be built (its found range is no VMA's) is counted, not paired.
     */
    public void add(CellKey key, double contentionTarget, PairedCapture capture, List<LookupStrategy> compared,
                    GracePeriods grace, WalkSemantics semantics) {
        int n = 0;
        String target = RetryAccounting.fraction(contentionTarget);
        for (PairedCapture.Event e : capture.events()) {
            n++;
            String id = key.strategy() + "-" + n;
            List<RetryResult> results = new ArrayList<>();
            Scenario sc;
            try {
                sc = EventScenario.of(e.address(), e.foundFirst(), e.foundLast(), e.layout(), grace, kind(e).label());
                for (LookupStrategy s : compared) results.add(ScenarioRunner.run(s, sc, semantics));
            } catch (IllegalStateException unbuildable) {
                // the found range is not a VMA's (a stale walk of a wrong strategy read freed memory): no pairing
                unreadable++;
                continue;
            }
            for (int i = 0; i < compared.size(); i++) {
                LookupStrategy s = compared.get(i);
                RetryResult r = results.get(i);
                rows.add(List.of(key.trace(), Integer.toString(key.threads()), Integer.toString(key.run()), id, s.name(),
                        "0x" + Long.toHexString(e.address()), sc.kind(), r.outcome().name(), Long.toString(r.nodesRead()),
                        Integer.toString(r.walksFromRoot()), Boolean.toString(r.staleIndex()),
                        Boolean.toString(r.staleNode()), r.violationName(), target, key.strategy()));
            }
        }
        unreadable += capture.unreadable();
    }

    /**
     * The event's exposure kind, by the classification {@code trace stats} uses (the syscall unknown, but the
     * found VMA was detached): where the address and the old vm_start lie in the live layout now.
     */
    static ExposureKind kind(PairedCapture.Event e) {
        long oldStart = e.foundFirst();
        long oldEnd = e.foundLast() + 1;
        List<ExposureClassifier.Range> after = new ArrayList<>();
        LiveLayout.Ranges now = e.layout();
        for (int i = 0; i < now.size(); i++) {
            if (now.end(i) >= oldStart && now.start(i) <= oldEnd) after.add(new ExposureClassifier.Range(now.start(i), now.end(i)));
        }
        return ExposureClassifier.classify(ExposureClassifier.Change.DETACHED, e.address(),
                new ExposureClassifier.Range(oldStart, oldEnd), after, null);
    }

    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    public long unreadable() {
        return unreadable;
    }

    public void addAll(PairedTables o) {
        rows.addAll(o.rows);
        unreadable += o.unreadable;
    }

    public void write(Path dir) throws IOException {
        ResultTables.writeCsv(dir.resolve(PAIRED), COLUMNS, rows);
        byte[] count = Long.toString(unreadable).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        AtomicOutput.write(dir.resolve(UNREADABLE), count);
    }

    public static PairedTables read(Path dir) throws IOException {
        PairedTables t = new PairedTables();
        Path f = dir.resolve(PAIRED);
        if (!Files.exists(f)) return t;
        t.rows.addAll(ResultTables.readCsv(f, COLUMNS));
        Path u = dir.resolve(UNREADABLE);
        if (Files.exists(u)) t.unreadable = Long.parseLong(Files.readString(u).strip());
        return t;
    }
}
