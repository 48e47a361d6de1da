package dev.vmalab.reports.results;

import java.nio.file.Path;
import java.util.List;

/**
 * hunt.csv: the deterministic hunts a replay ran (strict grace periods, seeded interleaving),
 * one row per (strategy, trace). A strategy is called correct only when it has a row for every
 * trace of the folder and none of them found a violation.
 */
public final class HuntCsv {
    public static final String FILE = "hunt.csv";
    static final List<String> COLUMNS = List.of("strategy", "trace", "seeds", "steps", "violations", "repro");

    /** @param steps model steps (lookups) the hunt ran; @param repro the command that finds the first violation again */
    public record Row(String strategy, String trace, String seeds, long steps, long violations, String repro) {}

    private HuntCsv() {}

    static List<Row> read(Path file) {
        return CsvRecords.read(file, COLUMNS, l -> {
            Row r = new Row(l.text("strategy"), l.text("trace"), l.text("seeds"), l.longValue("steps"),
                    l.longValue("violations"), l.text("repro"));
            if (r.steps() < 0 || r.violations() < 0) throw l.error("steps and violations must be >= 0");
            return r;
        });
    }
}
