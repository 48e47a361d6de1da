package dev.vmalab.reports.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * exposure.csv's {@code basis = workload} rows: per (trace, threads), the trace's race exposure by
 * kind and each strategy's extra aborts, node reads and ns per fault expected at the trace's own
 * contention (docs/result-format.md). Older folders without the column have none.
 */
public final class ExposureCsv {
    public static final String FILE = "exposure.csv";
    static final List<String> COLUMNS = List.of("trace", "threads", "strategy", "kind", "events", "faults",
            "events_per_million_faults", "correct");

    /**
     * @param kind     an exposure kind or {@code all}
     * @param matrixRow the matrix.csv scenario that weights the kind ("" for all, or for a kind no retry reaches)
     */
    public record Row(String trace, int threads, String strategy, String kind, long events, long faults,
                      double exposedPerMillion, boolean correct, String matrixRow, double pEagain, double pEagainUpper,
                      double extraAbortsUpper, double extraNodesUpper, double extraNsUpper) {}

    private ExposureCsv() {}

    /** The workload rows of the folder's exposure.csv; empty when it has none. */
    public static List<Row> workload(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) return List.of();
        return CsvRecords.read(file, COLUMNS, l -> l.record().isMapped("basis") && l.text("basis").equals("workload")
                ? new Row(l.text("trace"), l.intValue("threads"), l.text("strategy"), l.text("kind"), l.longValue("events"),
                        l.longValue("faults"), l.doubleValue("events_per_million_faults"), Boolean.parseBoolean(l.text("correct")),
                        l.text("matrix_row"), l.doubleValue("p_eagain"), l.doubleValue("p_eagain_upper"),
                        l.doubleValue("extra_aborts_per_million_faults_upper"),
                        l.doubleValue("extra_nodes_per_million_faults_upper"), l.doubleValue("extra_ns_per_fault_upper"))
                : null).stream().filter(java.util.Objects::nonNull).toList();
    }
}
