package dev.vmalab.traces.format;

import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.io.TraceSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a vmalab trace CSV (any compression), checking the version comment and the header first. */
public final class CsvTraceReader extends TextTraceReader {

    private int version;

    public CsvTraceReader(TraceSource source) {
        super(source);
    }

    public CsvTraceReader(Path file) {
        this(TraceSource.of(file));
    }

    @Override
    public Stream<TraceEvent> events() throws IOException {
        BufferedReader text = openText();
        CSVParser parser;
        try {
            parser = CSVParser.parse(text, TraceCsv.READ);
            version = checkHeader(parser);
        } catch (IOException e) {
            text.close();
            throw unreadable(1, e);
        } catch (TraceInputException e) {
            text.close();
            throw e;
        } catch (RuntimeException e) { // commons-csv refuses a header it cannot use (an empty or doubled name)
            text.close();
            throw new TraceInputException(source.name(), 2, "bad header: " + e.getMessage(), e);
        }
        Spliterator<TraceEvent> rows = new Rows(parser);
        return StreamSupport.stream(rows, false).onClose(() -> {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Checks the version comment and the header; returns the version. */
    private int checkHeader(CSVParser parser) {
        String comment = parser.hasHeaderComment() ? parser.getHeaderComment().strip() : "";
        if (!comment.startsWith(TraceCsv.MAGIC + " ")) {
            throw new TraceInputException(source.name(), 1,
                    "not a vmalab trace: the first line must be '# " + TraceCsv.HEADER_COMMENT + "'");
        }
        String version = comment.substring(TraceCsv.MAGIC.length() + 1).strip();
        int v;
        try {
            v = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v < TraceCsv.OLDEST_READABLE || v > TraceCsv.VERSION) {
            throw new TraceInputException(source.name(), 1, "unsupported trace format version '" + version
                    + "' (this build reads " + TraceCsv.OLDEST_READABLE + " to " + TraceCsv.VERSION + ")");
        }
        List<String> columns = TraceCsv.columns(v);
        if (!parser.getHeaderNames().equals(columns)) {
            throw new TraceInputException(source.name(), 2,
                    "header of version " + v + " must be " + String.join(",", columns) + " but is "
                            + String.join(",", parser.getHeaderNames()));
        }
        return v;
    }

    /** Decodes records one at a time, so memory does not grow with the trace. */
    private final class Rows extends Spliterators.AbstractSpliterator<TraceEvent> {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private long previousNs = Long.MIN_VALUE;

        Rows(CSVParser parser) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.parser = parser;
            this.records = parser.iterator();
        }

        @Override
        public boolean tryAdvance(Consumer<? super TraceEvent> action) {
            CSVRecord record;
            try {
                if (!records.hasNext()) return false;
                record = records.next();
            } catch (UncheckedIOException e) {
                long line = parser.getCurrentLineNumber() + 1;
                if (e.getCause() instanceof CSVException bad) {
                    throw new TraceInputException(source.name(), line, "malformed CSV: " + bad.getMessage(), bad);
                }
                throw unreadable(line, e.getCause());
            }
            long line = parser.getCurrentLineNumber();
            int columns = TraceCsv.columns(version).size();
            if (record.size() != columns) {
                throw new TraceInputException(source.name(), line,
                        "expected " + columns + " columns, found " + record.size());
            }
            TraceEvent event;
            try {
                // An older version's missing columns read as empty (unknown).
                event = EventRows.fromRow(i -> i < columns ? record.get(i) : "");
            } catch (IllegalArgumentException e) {
                throw new TraceInputException(source.name(), line, e.getMessage());
            }
            String impossible = EventChecks.problem(event, previousNs);
            if (impossible != null) throw new TraceInputException(source.name(), line, impossible);
            previousNs = event.timeNs();
            action.accept(event);
            return true;
        }
    }
}
