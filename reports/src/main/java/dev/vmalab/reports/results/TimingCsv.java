package dev.vmalab.reports.results;

import java.nio.file.Path;
import java.util.List;

/**
 * timing.csv: how each (trace, strategy, threads, run) was timed: measured repetitions, their mean
 * latency (the median of its undisturbed passes, each divided by the machine's speed at its moment;
 * {@code raw_mean_ns} without that factor), wall and CPU time, and the GC and JIT activity
 * during them; {@code disturbed} marks a run
 * the replay's rule (docs/result-format.md) says to leave out of timing comparisons.
 */
public final class TimingCsv {
    public static final String FILE = "timing.csv";
    static final List<String> COLUMNS = List.of("trace", "strategy", "threads", "run", "reps", "kept_reps", "mean_ns",
            "wall_ms", "cpu_ms", "gc_count", "gc_ms", "jit_ms", "disturbed");

    /**
     * @param passes     replays of the cell in the repetitions (-1 in folders written before per-pass timing)
     * @param keptPasses of them, the undisturbed ones mean_ns is the median of (-1: not known)
     * @param rawMeanNs  the same median without the machine factor (mean_ns in folders written before it)
     */
    public record Row(RunKey key, int reps, int keptReps, double meanNs, double wallMs, double cpuMs, long gcCount,
                      double gcMs, double jitMs, boolean disturbed, long passes, long keptPasses, double rawMeanNs) {
        public Row(RunKey key, int reps, int keptReps, double meanNs, double wallMs, double cpuMs, long gcCount,
                   double gcMs, double jitMs, boolean disturbed) {
            this(key, reps, keptReps, meanNs, wallMs, cpuMs, gcCount, gcMs, jitMs, disturbed, -1, -1, meanNs);
        }
    }

    private TimingCsv() {}

    static List<Row> read(Path file) {
        return CsvRecords.read(file, COLUMNS, l -> {
            String d = l.text("disturbed");
            if (!d.equals("true") && !d.equals("false")) throw l.error("column disturbed: '" + d + "' is not true or false");
            return new Row(l.runKey(), l.intValue("reps"), l.intValue("kept_reps"), l.doubleValue("mean_ns"),
                    l.doubleValue("wall_ms"), l.doubleValue("cpu_ms"), l.longValue("gc_count"), l.doubleValue("gc_ms"),
                    l.doubleValue("jit_ms"), d.equals("true"), l.longValueOr("passes", -1), l.longValueOr("kept_passes", -1),
                    l.doubleValueOr("raw_mean_ns", l.doubleValue("mean_ns")));
        });
    }
}
