package dev.vmalab.reports.results;

import java.util.SequencedMap;

/** One row of traces.csv, kept as ordered column/value pairs: the report shows them as written. */
public record TraceInfo(String trace, String path, SequencedMap<String, String> columns) {}
