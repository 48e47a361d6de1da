package dev.vmalab.replay.cli;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.retry.RetryMatrix;
import dev.vmalab.model.retry.Scenario;
import dev.vmalab.model.retry.Scenarios;
import java.io.PrintWriter;
import java.util.List;

/** {@code strategies --matrix}: matrix.csv's rows as an aligned table, each scenario headed by what its writer does. */
final class MatrixTable {
    private static final String ROW = "  %-18s %-12s %10s %15s %11s %10s  %s%n";

    private MatrixTable() {}

    static void print(PrintWriter out, List<LookupStrategy> strategies) {
        out.println("Retry matrix: the writer runs between the reader's mas_walk() and vma_start_read() "
                + "(pages from 0x" + Long.toHexString(Scenarios.BASE) + "; strict grace periods unless said; 6.18 walks)");
        Scenario last = null;
        for (RetryMatrix.Cell c : RetryMatrix.run(strategies)) {
            if (c.scenario() != last) {
                last = c.scenario();
                out.printf("%n%s: %s%n", last.name(), last.description());
                out.printf(ROW, "strategy", "outcome", "nodes_read", "walks_from_root", "stale_index", "stale_node", "violation");
            }
            List<String> r = RetryMatrix.row(c);
            out.printf(ROW, r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7));
        }
        out.flush();
    }
}
