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
 * @param levels     summary.csv's rows by {@code contention_target} (0 = the workload as traced; the sweep's
 *                   levels above it)
 */
public record VerdictInputs(List<HuntCsv.Row> hunts, List<MatrixCsv.Row> matrix, List<PairedCsv.Row> paired,
                            List<PairedSummaryCsv.Row> pairedSummary, List<TimingCsv.Row> timing,
                            Map<Double, List<SummaryRow>> levels) {

    public static VerdictInputs read(Path dir) {
        return new VerdictInputs(
                optional(dir, HuntCsv.FILE) ? HuntCsv.read(dir.resolve(HuntCsv.FILE)) : List.of(),
                optional(dir, MatrixCsv.FILE) ? MatrixCsv.read(dir.resolve(MatrixCsv.FILE)) : List.of(),
                optional(dir, PairedCsv.FILE) ? PairedCsv.read(dir.resolve(PairedCsv.FILE)) : List.of(),
                optional(dir, PairedSummaryCsv.FILE) ? PairedSummaryCsv.read(dir.resolve(PairedSummaryCsv.FILE)) : List.of(),
                optional(dir, TimingCsv.FILE) ? TimingCsv.read(dir.resolve(TimingCsv.FILE)) : List.of(),
                Files.isRegularFile(dir.resolve("summary.csv")) ? SummaryCsv.levels(dir.resolve("summary.csv")) : Map.of());
    }

    /** Every summary.csv row at {@code level} (0: the workload as traced). */
    public List<SummaryRow> rowsAt(double level) {
        return levels.getOrDefault(level, List.of());
    }

    private static boolean optional(Path dir, String name) {
        return Files.isRegularFile(dir.resolve(name));
    }

}
