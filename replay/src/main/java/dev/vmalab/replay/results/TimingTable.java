package dev.vmalab.replay.results;

import dev.vmalab.replay.measure.CellKey;
import dev.vmalab.replay.measure.CellTiming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** timing.csv: one row per (trace, strategy, threads, run), how it was timed (docs/result-format.md). */
public final class TimingTable {
    public static final String FILE = "timing.csv";
    public static final List<String> COLUMNS = List.of("trace", "strategy", "threads", "run", "reps", "kept_reps",
            "mean_ns", "wall_ms", "cpu_ms", "gc_count", "gc_ms", "jit_ms", "disturbed", "outliers", "lookups");

    private final List<List<String>> rows = new ArrayList<>();

    public void add(CellTiming t) {
        CellKey k = t.key();
        rows.add(List.of(k.trace(), k.strategy(), Integer.toString(k.threads()), Integer.toString(k.run()),
                Integer.toString(t.reps()), Integer.toString(t.kept()), dec(t.meanNs()), dec(t.sum(CellTiming.WALL_MS)),
                dec(t.sum(CellTiming.CPU_MS)), Long.toString((long) t.sum(CellTiming.GC_COUNT)),
                dec(t.sum(CellTiming.GC_MS)), dec(t.sum(CellTiming.JIT_MS)), Boolean.toString(t.disturbed()),
                Long.toString((long) t.sum(CellTiming.OUTLIERS)), Long.toString((long) t.sum(CellTiming.LOOKUPS))));
    }

    public void addAll(TimingTable o) {
        rows.addAll(o.rows);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void write(Path dir) throws IOException {
        ResultTables.writeCsv(dir.resolve(FILE), COLUMNS, rows);
    }

    /** A forked cell's timing.csv (absent: none). */
    public static TimingTable read(Path dir) throws IOException {
        TimingTable t = new TimingTable();
        if (Files.isRegularFile(dir.resolve(FILE))) t.rows.addAll(ResultTables.readCsv(dir.resolve(FILE), COLUMNS));
        return t;
    }

    private static String dec(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }
}
