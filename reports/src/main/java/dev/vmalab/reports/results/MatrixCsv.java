package dev.vmalab.reports.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** matrix.csv: every scripted retry scenario x every strategy, what the strategy's retry did. */
public final class MatrixCsv {
    public static final String FILE = "matrix.csv";
    static final List<String> COLUMNS = List.of("scenario", "strategy", "outcome", "nodes_read", "walks_from_root",
            "stale_index", "stale_node", "violation");
    /** The retry outcomes the paired accounting distinguishes. */
    public static final Set<String> OUTCOMES = Set.of("LOCKED", "ABORT_RANGE", "ABORT_NULL", "EAGAIN_AGAIN", "VIOLATION");

    public record Row(String scenario, String strategy, String outcome, long nodesRead, long walksFromRoot,
                      String staleIndex, String staleNode, String violation) {
        /** What makes two strategies equivalent in effect on this scenario: everything but the strategy's name. */
        public String effect() {
            return String.join("|", outcome, Long.toString(nodesRead), Long.toString(walksFromRoot), staleIndex,
                    staleNode, violation);
        }
    }

    private MatrixCsv() {}

    static List<Row> read(Path file) {
        return CsvRecords.read(file, COLUMNS, l -> {
            String outcome = l.text("outcome");
            if (!OUTCOMES.contains(outcome)) throw l.error("outcome '" + outcome + "' is not one of " + OUTCOMES);
            return new Row(l.text("scenario"), l.text("strategy"), outcome, l.longValue("nodes_read"),
                    l.longValue("walks_from_root"), l.text("stale_index"), l.text("stale_node"), l.text("violation"));
        });
    }

    /** A flag column written as true/false or as a count: set when true or non-zero. */
    public static boolean flag(String v) {
        String t = v.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("true") || t.equals("yes")) return true;
        try {
            return Long.parseLong(t) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
