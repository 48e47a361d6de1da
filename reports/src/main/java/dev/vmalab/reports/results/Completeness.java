package dev.vmalab.reports.results;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a result folder holds every cell of its replay: each strategy has a summary row for
 * every (trace, threads, run) any strategy has, and machine.properties does not say
 * {@code incomplete=true} (an interrupted replay, docs/result-format.md). A verdict from part of
 * the cells would compare strategies on different work, so an incomplete folder gets none.
 * A folder whose histograms and summary disagree (a log with no row: summary.csv cut short;
 * a row with no log) is refused, naming the file.
 */
public record Completeness(boolean complete, String reason) {
    public static Completeness of(ResultFolder f) {
        checkHistogramsAgree(f);
        if ("true".equals(f.machine().get("incomplete"))) {
            return new Completeness(false, "interrupted replay: " + f.machine().getOrDefault("cells_done", "?") + " of "
                    + f.machine().getOrDefault("cells_total", "?") + " cells finished (machine.properties incomplete=true); "
                    + "continue it with ./vmalab replay ... --resume " + f.dir());
        }
        Set<String> cells = new TreeSet<>();
        for (SummaryRow r : f.summary()) cells.add(cell(r.key()));
        for (String strategy : f.strategies()) {
            Set<String> mine = new HashSet<>();
            for (SummaryRow r : f.summary()) if (r.strategy().equals(strategy)) mine.add(cell(r.key()));
            if (!mine.containsAll(cells)) {
                return new Completeness(false, "strategy " + strategy + " has " + mine.size() + " of the " + cells.size()
                        + " (trace, threads, run) cells the others have in summary.csv");
            }
        }
        return new Completeness(true, "");
    }

    private static String cell(RunKey k) {
        return k.trace() + " t" + k.threads() + " r" + k.run();
    }

    /** When the folder has histogram logs, each summary row has its log and each log its row. */
    private static void checkHistogramsAgree(ResultFolder f) {
        if (f.latencies().isEmpty()) return;
        Set<RunKey> logged = new HashSet<>();
        for (LatencyLog l : f.latencies()) logged.add(l.key());
        Set<RunKey> rows = new HashSet<>();
        for (SummaryRow r : f.summary()) rows.add(r.key());
        for (SummaryRow r : f.summary()) {
            if (!logged.contains(r.key())) {
                throw new ResultFormatException(f.dir().resolve("histograms").resolve(stem(r.key()) + ".hlog"), 0,
                        "missing: summary.csv has a row for this run (docs/result-format.md: one log per row)");
            }
        }
        List<LatencyLog> orphans = f.latencies().stream().filter(l -> !rows.contains(l.key())).toList();
        // A cell whose measured part had no lookup has a log and no row (ResultTables): only a log with
        // lookups (a non-empty histogram) and no row means summary.csv lost rows.
        for (LatencyLog l : orphans) {
            if (l.histogram().getTotalCount() > 0) {
                throw new ResultFormatException(f.dir().resolve("summary.csv"), 0, "has no row for "
                        + Path.of("histograms").resolve(l.file().getFileName()) + " (summary.csv cut short?)");
            }
        }
    }

    private static String stem(RunKey k) {
        return k.trace() + "__" + k.strategy() + "__t" + k.threads() + "__r" + k.run();
    }
}
