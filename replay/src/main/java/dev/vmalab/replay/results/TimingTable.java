package dev.vmalab.replay.results;

import dev.vmalab.replay.measure.CellKey;
import dev.vmalab.replay.measure.CellTiming;
import dev.vmalab.replay.measure.CommonSlowdown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * timing.csv: one row per (trace, strategy, threads, run), how it was timed; timing-passes.csv: one
 * row per pass, the data each run's mean_ns is the median of (docs/result-format.md).
 * {@code start_ms} of a pass is epoch ms, so the passes of forked cells can be held together.
 */
public final class TimingTable {
    public static final String FILE = "timing.csv";
    public static final String PASSES_FILE = "timing-passes.csv";
    public static final List<String> COLUMNS = List.of("trace", "strategy", "threads", "run", "reps", "kept_reps",
            "mean_ns", "wall_ms", "cpu_ms", "gc_count", "gc_ms", "jit_ms", "disturbed", "outliers", "lookups",
            "passes", "kept_passes", "discarded_gc", "discarded_jit", "discarded_preempted", "discarded_machine", "discarded_outlier",
            "worker_cpu_ms", "worker_wall_ms", "raw_mean_ns", "adjusted_passes");
    public static final List<String> PASS_COLUMNS = List.of("trace", "strategy", "threads", "run", "rep", "pass",
            "start_ms", "mean_ns", "lookups", "outliers", "wall_ms", "worker_cpu_ms", "worker_wall_ms", "gc_count", "jit_ms",
            "disturbance", "machine_factor", "adjusted_ns");
    /** timing-passes.csv as builds before the machine factor wrote it (a resumed folder's cells): read, judged again. */
    private static final List<String> PASS_COLUMNS_BEFORE_FACTOR = PASS_COLUMNS.subList(0, PASS_COLUMNS.size() - 2);
    private static final List<String> COLUMNS_BEFORE_FACTOR = COLUMNS.subList(0, COLUMNS.size() - 2);

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
                Integer.toString(t.discarded(CellTiming.Disturbance.PREEMPTED)), "0", "0",
                dec(t.sum(CellTiming.WORKER_CPU_MS)), dec(t.sum(CellTiming.WORKER_WALL_MS)), dec(t.meanNs()), "0"));
        int n = 0;
        for (CellTiming.Pass p : t.passes()) {
            passes.add(List.of(k.trace(), k.strategy(), Integer.toString(k.threads()), Integer.toString(k.run()),
                    Integer.toString(p.rep()), Integer.toString(++n), dec(p.startMs()), dec(p.meanNs()), Long.toString(p.lookups()),
                    Long.toString(p.outliers()), dec(p.wallMs()),
                    dec(p.activity().workerCpuNs() < 0 ? -1 : p.activity().workerCpuNs() / 1e6),
                    dec(p.activity().workerWallNs() / 1e6), Long.toString(p.activity().gcCount()),
                    Long.toString(p.activity().jitMs()), p.disturbance().name().toLowerCase(Locale.ROOT), "1", dec(p.meanNs())));
        }
    }

    public void addAll(TimingTable o) {
        rows.addAll(o.rows);
        passes.addAll(o.passes);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * Writes both files, first applying {@link CommonSlowdown} over every pass of the table (all runs,
     * all cells): each undisturbed pass gets its machine factor and {@code adjusted_ns = mean_ns / factor},
     * or becomes {@code machine} or {@code outlier}; each run's mean_ns is then the median of its kept
     * passes' adjusted_ns ({@code raw_mean_ns}: of their mean_ns), and kept_reps, kept_passes and disturbed
     * are taken again (CellTiming's rule).
     */
    public void write(Path dir) throws IOException {
        List<List<String>> p = new ArrayList<>();
        List<CommonSlowdown.Pass> kept = new ArrayList<>();
        List<Integer> keptAt = new ArrayList<>();
        for (List<String> row : passes) {
            List<String> r = new ArrayList<>(row);
            String d = r.get(P_DISTURBANCE);
            r.set(P_FACTOR, "1");
            r.set(P_ADJUSTED, r.get(P_MEAN));
            if (d.equals(NONE) || d.equals(MACHINE) || d.equals(OUTLIER)) { // a re-read table (resume) is judged again from scratch
                kept.add(new CommonSlowdown.Pass(r.get(0) + "|" + r.get(1) + "|" + r.get(2), r.get(1),
                        Integer.parseInt(r.get(2)), Double.parseDouble(r.get(P_START)), Double.parseDouble(r.get(P_MEAN))));
                keptAt.add(p.size());
            }
            p.add(r);
        }
        CommonSlowdown.Judgement[] judged = CommonSlowdown.judge(kept);
        for (int i = 0; i < judged.length; i++) {
            List<String> r = p.get(keptAt.get(i));
            CommonSlowdown.Judgement j = judged[i];
            r.set(P_DISTURBANCE, j.verdict() == CommonSlowdown.Verdict.MACHINE ? MACHINE
                    : j.verdict() == CommonSlowdown.Verdict.OUTLIER ? OUTLIER : NONE);
            r.set(P_FACTOR, String.format(Locale.ROOT, "%.4f", j.factor()));
            r.set(P_ADJUSTED, dec(Double.parseDouble(r.get(P_MEAN)) / j.factor()));
        }
        java.util.Map<String, List<List<String>>> byRun = new java.util.HashMap<>();
        for (List<String> r : p) byRun.computeIfAbsent(runKey(r), k -> new ArrayList<>()).add(r);
        List<List<String>> out = new ArrayList<>();
        for (List<String> row : rows) {
            List<List<String>> mine = byRun.get(runKey(row));
            if (mine == null) {
                out.add(row);
                continue;
            }
            List<String> r = new ArrayList<>(row);
            List<List<String>> keptRows = mine.stream().filter(x -> x.get(P_DISTURBANCE).equals(NONE)).toList();
            List<List<String>> use = keptRows.isEmpty() ? mine : keptRows;
            int keptReps = (int) keptRows.stream().map(x -> x.get(P_REP)).distinct().count();
            r.set(COLUMNS.indexOf("mean_ns"), dec(median(use, P_ADJUSTED)));
            r.set(COLUMNS.indexOf("raw_mean_ns"), dec(median(use, P_MEAN)));
            r.set(COLUMNS.indexOf("adjusted_passes"),
                    Long.toString(keptRows.stream().filter(x -> Double.parseDouble(x.get(P_FACTOR)) != 1).count()));
            r.set(COLUMNS.indexOf("kept_reps"), Integer.toString(keptReps));
            r.set(COLUMNS.indexOf("kept_passes"), Integer.toString(keptRows.size()));
            r.set(COLUMNS.indexOf("discarded_machine"),
                    Long.toString(mine.stream().filter(x -> x.get(P_DISTURBANCE).equals(MACHINE)).count()));
            r.set(COLUMNS.indexOf("discarded_outlier"),
                    Long.toString(mine.stream().filter(x -> x.get(P_DISTURBANCE).equals(OUTLIER)).count()));
            r.set(COLUMNS.indexOf("disturbed"), Boolean.toString(CellTiming.disturbedRun(keptReps,
                    Integer.parseInt(r.get(COLUMNS.indexOf("reps"))))));
            out.add(r);
        }
        ResultTables.writeCsv(dir.resolve(FILE), COLUMNS, out);
        ResultTables.writeCsv(dir.resolve(PASSES_FILE), PASS_COLUMNS, p);
    }

    private static double median(List<List<String>> rows, int column) {
        return CellTiming.median(rows.stream().mapToDouble(x -> Double.parseDouble(x.get(column))).toArray());
    }

    private static final int P_REP = PASS_COLUMNS.indexOf("rep"), P_START = PASS_COLUMNS.indexOf("start_ms"),
            P_MEAN = PASS_COLUMNS.indexOf("mean_ns"), P_DISTURBANCE = PASS_COLUMNS.indexOf("disturbance"),
            P_FACTOR = PASS_COLUMNS.indexOf("machine_factor"), P_ADJUSTED = PASS_COLUMNS.indexOf("adjusted_ns");
    private static final String NONE = "none", MACHINE = "machine", OUTLIER = "outlier";

    private static String runKey(List<String> r) {
        return r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(3);
    }

    /** A forked cell's (or a finished batch's) timing.csv and timing-passes.csv (absent: none). */
    public static TimingTable read(Path dir) throws IOException {
        TimingTable t = new TimingTable();
        if (Files.isRegularFile(dir.resolve(FILE))) t.rows.addAll(readEither(dir.resolve(FILE), COLUMNS, COLUMNS_BEFORE_FACTOR));
        if (Files.isRegularFile(dir.resolve(PASSES_FILE))) {
            t.passes.addAll(readEither(dir.resolve(PASSES_FILE), PASS_COLUMNS, PASS_COLUMNS_BEFORE_FACTOR));
        }
        return t;
    }

    /** Rows under {@code columns}, or under {@code older} (a prefix of them) padded: {@link #write} fills the rest again. */
    private static List<List<String>> readEither(Path file, List<String> columns, List<String> older) throws IOException {
        if (!ResultTables.header(file).equals(older)) return ResultTables.readCsv(file, columns);
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r : ResultTables.readCsv(file, older)) {
            List<String> padded = new ArrayList<>(r);
            while (padded.size() < columns.size()) padded.add(columns.get(padded.size()).equals("machine_factor") ? "1" : "0");
            rows.add(padded);
        }
        return rows;
    }

    private static String dec(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }
}
