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
            "worker_cpu_ms",
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
                Integer.toString(t.discarded(CellTiming.Disturbance.PREEMPTED)), "0", "0",
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

    /**
     * Writes both files, first applying {@link CommonSlowdown} over every pass of the table (all runs,
     * all cells): its passes become {@code machine} or {@code outlier}, and each run's mean_ns, kept_reps, kept_passes and
     * disturbed are taken again without them (CellTiming's rule, the same median).
     */
    public void write(Path dir) throws IOException {
        List<List<String>> p = new ArrayList<>();
        List<CommonSlowdown.Pass> kept = new ArrayList<>();
        List<Integer> keptAt = new ArrayList<>();
        for (List<String> row : passes) {
            List<String> r = new ArrayList<>(row);
            String d = r.get(P_DISTURBANCE);
            if (d.equals(NONE) || d.equals(MACHINE) || d.equals(OUTLIER)) { // a re-read table (resume) is judged again from scratch
                kept.add(new CommonSlowdown.Pass(r.get(0) + "|" + r.get(1) + "|" + r.get(2),
                        Double.parseDouble(r.get(P_START)), Double.parseDouble(r.get(P_MEAN))));
                keptAt.add(p.size());
            }
            p.add(r);
        }
        CommonSlowdown.Verdict[] slow = CommonSlowdown.judge(kept);
        for (int i = 0; i < slow.length; i++) {
            p.get(keptAt.get(i)).set(P_DISTURBANCE, slow[i] == CommonSlowdown.Verdict.MACHINE ? MACHINE
                    : slow[i] == CommonSlowdown.Verdict.OUTLIER ? OUTLIER : NONE);
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
            double[] keptMeans = mine.stream().filter(x -> x.get(P_DISTURBANCE).equals(NONE))
                    .mapToDouble(x -> Double.parseDouble(x.get(P_MEAN))).toArray();
            double[] all = mine.stream().mapToDouble(x -> Double.parseDouble(x.get(P_MEAN))).toArray();
            int keptReps = (int) mine.stream().filter(x -> x.get(P_DISTURBANCE).equals(NONE)).map(x -> x.get(P_REP))
                    .distinct().count();
            r.set(COLUMNS.indexOf("mean_ns"), dec(CellTiming.median(keptMeans.length > 0 ? keptMeans : all)));
            r.set(COLUMNS.indexOf("kept_reps"), Integer.toString(keptReps));
            r.set(COLUMNS.indexOf("kept_passes"), Integer.toString(keptMeans.length));
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

    private static final int P_REP = PASS_COLUMNS.indexOf("rep"), P_START = PASS_COLUMNS.indexOf("start_ms"),
            P_MEAN = PASS_COLUMNS.indexOf("mean_ns"), P_DISTURBANCE = PASS_COLUMNS.indexOf("disturbance");
    private static final String NONE = "none", MACHINE = "machine", OUTLIER = "outlier";

    private static String runKey(List<String> r) {
        return r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(3);
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
