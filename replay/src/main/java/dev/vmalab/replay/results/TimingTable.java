package dev.vmalab.replay.results;

import dev.vmalab.replay.measure.CellKey;
import dev.vmalab.replay.measure.CellTiming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * timing.csv: one row per (trace, strategy, threads, run), how it was timed; timing-passes.csv: one
 * row per pass, the data each run's mean_ns is the median of (docs/result-format.md).
 */
public final class TimingTable {
    public static final String FILE = "timing.csv";
    public static final String PASSES_FILE = "timing-passes.csv";
    public static final List<String> COLUMNS = List.of("trace", "strategy", "threads", "run", "reps", "kept_reps",
            "mean_ns", "wall_ms", "cpu_ms", "gc_count", "gc_ms", "jit_ms", "disturbed", "outliers", "lookups",
            "passes", "kept_passes", "discarded_gc", "discarded_jit", "discarded_preempted", "worker_cpu_ms",
            "worker_wall_ms");
    public static final List<String> PASS_COLUMNS = List.of("trace", "strategy", "threads", "run", "rep", "pass",
            "start_ms", "mean_ns", "lookups", "outliers", "wall_ms", "worker_cpu_ms", "worker_wall_ms", "gc_count", "jit_ms",
            "disturbance");

    private final List<List<String>> rows = new ArrayList<>();
    private final List<List<String>> passes = new ArrayList<>();

    public void add(CellTiming t) {
        CellKey k = t.key();
        rows.add(List.of(k.trace(), k.strategy(), Integer.toString(k.threads()), Integer.toString(k.run()),
                Integer.toString(t.reps()), Integer.toString(t.kept()), dec(t.meanNs()), dec(t.sum(CellTiming.WALL_MS)),
                dec(t.sum(CellTiming.CPU_MS)), Long.toString((long) t.sum(CellTiming.GC_COUNT)),
                dec(t.sum(CellTiming.GC_MS)), dec(t.sum(CellTiming.JIT_MS)), Boolean.toString(t.disturbed()),
                Long.toString((long) t.sum(CellTiming.OUTLIERS)), Long.toString((long) t.sum(CellTiming.LOOKUPS)),
                Integer.toString(t.passes().size()), Integer.toString(t.keptPasses()),
                Integer.toString(t.discarded(CellTiming.Disturbance.GC)),
                Integer.toString(t.discarded(CellTiming.Disturbance.JIT)),
                Integer.toString(t.discarded(CellTiming.Disturbance.PREEMPTED)),
                dec(t.sum(CellTiming.WORKER_CPU_MS)), dec(t.sum(CellTiming.WORKER_WALL_MS))));
        int n = 0;
        for (CellTiming.Pass p : t.passes()) {
            passes.add(List.of(k.trace(), k.strategy(), Integer.toString(k.threads()), Integer.toString(k.run()),
                    Integer.toString(p.rep()), Integer.toString(++n), dec(p.startMs()), dec(p.meanNs()), Long.toString(p.lookups()),
                    Long.toString(p.outliers()), dec(p.wallMs()),
                    dec(p.activity().workerCpuNs() < 0 ? -1 : p.activity().workerCpuNs() / 1e6),
                    dec(p.activity().workerWallNs() / 1e6), Long.toString(p.activity().gcCount()),
                    Long.toString(p.activity().jitMs()), p.disturbance().name().toLowerCase(Locale.ROOT)));
        }
    }

    public void addAll(TimingTable o) {
        rows.addAll(o.rows);
        passes.addAll(o.passes);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void write(Path dir) throws IOException {
        ResultTables.writeCsv(dir.resolve(FILE), COLUMNS, rows);
        ResultTables.writeCsv(dir.resolve(PASSES_FILE), PASS_COLUMNS, passes);
    }

    /** A forked cell's (or a finished batch's) timing.csv and timing-passes.csv (absent: none). */
    public static TimingTable read(Path dir) throws IOException {
        TimingTable t = new TimingTable();
        if (Files.isRegularFile(dir.resolve(FILE))) t.rows.addAll(ResultTables.readCsv(dir.resolve(FILE), COLUMNS));
        if (Files.isRegularFile(dir.resolve(PASSES_FILE))) {
            t.passes.addAll(ResultTables.readCsv(dir.resolve(PASSES_FILE), PASS_COLUMNS));
        }
        return t;
    }

    private static String dec(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }
}
