package dev.vmalab.reports.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The result files the cost verdict reads beside summary.csv; each may be absent (read as empty,
 * and the verdict then says what it cannot establish), each present one must be well-formed.
 *
 * @param contention summary.csv's {@code contention_target} per run key (0 = the workload as traced);
 *                   empty when the column is absent
 */
public record VerdictInputs(List<HuntCsv.Row> hunts, List<MatrixCsv.Row> matrix, List<PairedCsv.Row> paired,
                            List<PairedSummaryCsv.Row> pairedSummary, List<TimingCsv.Row> timing,
                            Map<RunKey, Double> contention) {

    public static VerdictInputs read(Path dir) {
        return new VerdictInputs(
                optional(dir, HuntCsv.FILE) ? HuntCsv.read(dir.resolve(HuntCsv.FILE)) : List.of(),
                optional(dir, MatrixCsv.FILE) ? MatrixCsv.read(dir.resolve(MatrixCsv.FILE)) : List.of(),
                optional(dir, PairedCsv.FILE) ? PairedCsv.read(dir.resolve(PairedCsv.FILE)) : List.of(),
                optional(dir, PairedSummaryCsv.FILE) ? PairedSummaryCsv.read(dir.resolve(PairedSummaryCsv.FILE)) : List.of(),
                optional(dir, TimingCsv.FILE) ? TimingCsv.read(dir.resolve(TimingCsv.FILE)) : List.of(),
                contention(dir.resolve("summary.csv")));
    }

    /** The contention level of a run; 0 when the sweep was off or the column is absent. */
    public double contentionOf(RunKey key) {
        return contention.getOrDefault(key, 0.0);
    }

    private static boolean optional(Path dir, String name) {
        return Files.isRegularFile(dir.resolve(name));
    }

    private static Map<RunKey, Double> contention(Path summary) {
        Map<RunKey, Double> out = new HashMap<>();
        if (!Files.isRegularFile(summary)) return out;
        CsvRecords.read(summary, List.of("trace", "strategy", "threads", "run"), l -> {
            if (l.record().isMapped("contention_target")) {
                double c = l.doubleValue("contention_target");
                if (c < 0 || c > 1) throw l.error("column contention_target: " + c + " is not a fraction of faults (0..1)");
                out.put(l.runKey(), c);
            }
            return null;
        });
        return out;
    }
}
