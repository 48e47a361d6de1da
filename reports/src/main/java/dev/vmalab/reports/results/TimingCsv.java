package dev.vmalab.reports.results;

import java.nio.file.Path;
import java.util.List;

/**
 * timing.csv: how each (trace, strategy, threads, run) was timed: measured repetitions, their mean
 * latency, wall and CPU time, and the GC and JIT activity during them; {@code disturbed} marks a run
 * the replay's rule (docs/result-format.md) says to leave out of timing comparisons.
 */
public final class TimingCsv {
    public static final String FILE = "timing.csv";
    static final List<String> COLUMNS = List.of("trace", "strategy", "threads", "run", "reps", "kept_reps", "mean_ns",
            "wall_ms", "cpu_ms", "gc_count", "gc_ms", "jit_ms", "disturbed");

    public record Row(RunKey key, int reps, int keptReps, double meanNs, double wallMs, double cpuMs, long gcCount,
                      double gcMs, double jitMs, boolean disturbed) {}

    private TimingCsv() {}

    static List<Row> read(Path file) {
        return CsvRecords.read(file, COLUMNS, l -> {
            String d = l.text("disturbed");
            if (!d.equals("true") && !d.equals("false")) throw l.error("column disturbed: '" + d + "' is not true or false");
            return new Row(l.runKey(), l.intValue("reps"), l.intValue("kept_reps"), l.doubleValue("mean_ns"),
                    l.doubleValue("wall_ms"), l.doubleValue("cpu_ms"), l.longValue("gc_count"), l.doubleValue("gc_ms"),
                    l.doubleValue("jit_ms"), d.equals("true"));
        });
    }
}
