package dev.vmalab.reports.results;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/** Reads traces.csv; every column is kept so that new trace statistics show up without code changes. */
final class TracesCsv {
    static final List<String> COLUMNS = List.of("trace", "path");

    private TracesCsv() {}

    static List<TraceInfo> read(Path file) {
        return CsvRecords.read(file, COLUMNS, l -> {
            SequencedMap<String, String> columns = new LinkedHashMap<>(l.record().toMap());
            return new TraceInfo(l.text("trace"), l.text("path"), columns);
        });
    }
}
