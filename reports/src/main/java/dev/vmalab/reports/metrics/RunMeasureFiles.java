package dev.vmalab.reports.metrics;

import dev.vmalab.reports.io.CsvOut;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes run-measures.csv: the per-run values every test and chart of the report starts from. */
public final class RunMeasureFiles {
    private RunMeasureFiles() {}

    public static void write(Path file, List<RunMeasure> measures) {
        List<String> header = new ArrayList<>(List.of("strategy", "threads", "run", "lookups", "violations"));
        for (Metric m : Metric.values()) header.add(m.id());
        List<List<Object>> rows = new ArrayList<>();
        for (RunMeasure r : measures) {
            List<Object> row = new ArrayList<>(List.of(r.strategy(), r.threads(), r.run(), r.lookups(), r.violations()));
            for (Metric m : Metric.values()) row.add(m.of(r));
            rows.add(row);
        }
        CsvOut.write(file, header, rows);
    }
}
