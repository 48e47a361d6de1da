package dev.vmalab.reports.results;

import java.nio.file.Path;
import java.util.List;

/** Reads retries.csv: the per-lookup retry-count distribution of each run. */
final class RetriesCsv {
    static final List<String> COLUMNS = List.of("trace", "strategy", "threads", "run", "retries", "lookups");

    private RetriesCsv() {}

    static List<RetryCount> read(Path file) {
        return CsvRecords.read(file, COLUMNS, l -> {
            RetryCount c = new RetryCount(l.runKey(), l.intValue("retries"), l.longValue("lookups"));
            if (c.retries() < 0 || c.lookups() < 0) throw l.error("retries and lookups must not be negative");
            return c;
        });
    }
}
