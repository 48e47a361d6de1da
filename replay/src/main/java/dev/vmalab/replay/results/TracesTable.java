package dev.vmalab.replay.results;

import dev.vmalab.replay.trace.LoadedTrace;
import dev.vmalab.replay.trace.TraceCounts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * traces.csv: one row per replayed trace, with what a {@code --lenient} read skipped ({@code skipped}: rows;
 * {@code skipped_by_reason}: {@code reason=count;...}; {@code ended_at_line}: where a damaged input ended, empty
 * when it was read whole).
 */
public final class TracesTable {
    public static final String FILE = "traces.csv";

    private TracesTable() {}

    public static void write(Path dir, List<LoadedTrace> traces) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (LoadedTrace t : traces) {
            TraceCounts c = t.counts();
            rows.add(List.of(t.name(), t.path().toString(), Long.toString(c.events()), Long.toString(c.faults()),
                    Long.toString(c.maps()), Long.toString(c.unmaps()), Long.toString(c.protects()),
                    Long.toString(c.remaps()), Long.toString(c.brks()), Long.toString(c.advises()),
                    Long.toString(c.mapsReads()), Long.toString(c.processes()), Long.toString(c.threads()),
                    Long.toString(t.skips().total()), t.skips().reasons(),
                    t.skips().endedAtLine() == 0 ? "" : Long.toString(t.skips().endedAtLine())));
        }
        ResultTables.writeCsv(dir.resolve(FILE), ResultCsv.TRACES, rows);
    }
}
