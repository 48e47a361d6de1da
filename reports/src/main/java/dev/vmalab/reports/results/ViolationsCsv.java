package dev.vmalab.reports.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Reads violations.csv; a kind outside the documented kinds is an error, not a silent new category. */
final class ViolationsCsv {
    static final List<String> COLUMNS = List.of("trace", "strategy", "threads", "run", "seed", "kind", "thread",
            "address", "node", "node_history", "detail", "repro");
    static final Set<String> KINDS = Set.of("USE_AFTER_FREE", "STALE_NODE", "RCU_NOT_HELD", "WRONG_VMA",
            "STALE_RCU_SECTION");

    private ViolationsCsv() {}

    static List<ViolationRow> read(Path file) {
        return CsvRecords.read(file, COLUMNS, l -> {
            String kind = l.text("kind");
            if (!KINDS.contains(kind)) throw l.error("kind '" + kind + "' is not one of " + KINDS);
            return new ViolationRow(l.runKey(), l.longValue("seed"), kind, l.text("thread"), l.text("address"),
                    l.text("node"), l.text("node_history"), l.text("detail"), l.text("repro"));
        });
    }
}
