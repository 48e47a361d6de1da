package dev.vmalab.reports.results;

import java.nio.file.Path;
import java.util.List;

/**
 * paired-summary.csv: per (trace, threads, run, strategy), the paired retry events counted by outcome,
 * and the extra aborts and node reads against machine.properties' {@code paired_reference}.
 */
public final class PairedSummaryCsv {
    public static final String FILE = "paired-summary.csv";
    static final List<String> COLUMNS = List.of("trace", "threads", "run", "strategy", "events", "locked",
            "abort_range", "abort_null", "eagain_again", "violations", "nodes_read", "walks_from_root",
            "extra_aborts", "extra_nodes");

    public record Row(String trace, int threads, int run, String strategy, long events, long locked, long abortRange,
                      long abortNull, long eagainAgain, long violations, long nodesRead, long walksFromRoot,
                      long extraAborts, long extraNodes, double contentionTarget) {
        /** The summary.csv row of the same run of {@code strategy}. */
        public RunKey key(String strategy) {
            return new RunKey(trace, strategy, threads, run);
        }

        /** Every count but the name and the reference-relative columns: equal for strategies equal in effect. */
        public String effect() {
            return events + "|" + locked + "|" + abortRange + "|" + abortNull + "|" + eagainAgain + "|" + violations
                    + "|" + nodesRead + "|" + walksFromRoot;
        }
    }

    private PairedSummaryCsv() {}

    static List<Row> read(Path file) {
        return CsvRecords.read(file, COLUMNS, l -> new Row(l.text("trace"), l.intValue("threads"), l.intValue("run"),
                l.text("strategy"), l.longValue("events"), l.longValue("locked"), l.longValue("abort_range"),
                l.longValue("abort_null"), l.longValue("eagain_again"), l.longValue("violations"),
                l.longValue("nodes_read"), l.longValue("walks_from_root"), l.longValue("extra_aborts"),
                l.longValue("extra_nodes"), l.record().isMapped("contention_target") ? l.doubleValue("contention_target") : 0));
    }
}
