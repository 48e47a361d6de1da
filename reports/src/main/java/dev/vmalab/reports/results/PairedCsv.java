package dev.vmalab.reports.results;

import java.nio.file.Path;
import java.util.List;

/** paired.csv: for each -EAGAIN event of a run, what every strategy's retry would do from that same state. */
public final class PairedCsv {
    public static final String FILE = "paired.csv";
    static final List<String> COLUMNS = List.of("trace", "threads", "run", "event", "strategy", "address", "scenario",
            "outcome", "nodes_read", "walks_from_root", "stale_index", "stale_node", "violation");

    /**
     * @param event the event's name in its run ({@code <live strategy>-<n>}: the cell it was captured in)
     * @param level the contention sweep's level it was captured at ({@code contention_target}; "0" when absent)
     */
    public record Row(String trace, int threads, int run, String event, String strategy, String address, String scenario,
                      String outcome, long nodesRead, long walksFromRoot, String staleIndex, String staleNode,
                      String violation, String level) {
        /** The event this row answers, the same for every strategy. */
        public String eventKey() {
            return trace + "|" + threads + "|" + run + "|" + level + "|" + event;
        }

        /** What the strategy's retry did, without its name (as {@link MatrixCsv.Row#effect()}). */
        public String effect() {
            return String.join("|", outcome, Long.toString(nodesRead), Long.toString(walksFromRoot), staleIndex,
                    staleNode, violation);
        }
    }

    private PairedCsv() {}

    static List<Row> read(Path file) {
        return CsvRecords.read(file, COLUMNS, l -> {
            String outcome = l.text("outcome");
            if (!MatrixCsv.OUTCOMES.contains(outcome)) {
                throw l.error("outcome '" + outcome + "' is not one of " + MatrixCsv.OUTCOMES);
            }
            return new Row(l.text("trace"), l.intValue("threads"), l.intValue("run"), l.text("event"),
                    l.text("strategy"), l.text("address"), l.text("scenario"), outcome, l.longValue("nodes_read"),
                    l.longValue("walks_from_root"), l.text("stale_index"), l.text("stale_node"), l.text("violation"),
                    l.record().isMapped("contention_target") ? l.text("contention_target") : "0");
        });
    }
}
