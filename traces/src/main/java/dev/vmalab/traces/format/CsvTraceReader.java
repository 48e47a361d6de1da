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

/**
 * Reads a vmalab trace CSV (any compression), checking the version comment and the header first.
 * A bad row (malformed CSV, wrong column count, bad value, unknown event, an impossible event of
 * {@link EventChecks}) stops a strict read with FILE:LINE: reason; a lenient one skips the row and
 * counts it by reason in {@link #skips()}. A damaged compressed input ends either read where the
 * damage begins: strict with an error naming that line, lenient keeping the rows before it.
 * (The header and version line are never skipped: a file without them is not a trace.)
 */
public final class CsvTraceReader extends TextTraceReader {
    /** Reasons a lenient read counts rows under (besides {@link EventChecks.Rule#label()}). */
    public static final String MALFORMED = "malformed CSV", WRONG_COLUMNS = "wrong number of columns",
            BAD_VALUE = "bad value", UNKNOWN_EVENT = "unknown event";

    private final boolean lenient;
    private Skips skips = new Skips();
    private int version;

    public CsvTraceReader(TraceSource source) {
        this(source, false);
    }

    public CsvTraceReader(TraceSource source, boolean lenient) {
        super(source);
        this.lenient = lenient;
    }

    public CsvTraceReader(Path file) {
        this(TraceSource.of(file));
    }

    /** What the last stream skipped so far (all of it once consumed); always empty when strict. */
    @Override
    public Skips skips() {
        return skips;
    }

    @Override
    public Stream<TraceEvent> events() throws IOException {
        skips = new Skips();
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
        private boolean ended;
        /** The line the last record ended on (2: the header); a read that breaks, breaks on the line after. */
        private long lastLine = 2;

        Rows(CSVParser parser) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.parser = parser;
            this.records = parser.iterator();
        }

        @Override
        public boolean tryAdvance(Consumer<? super TraceEvent> action) {
            while (!ended) {
                TraceEvent event = next();
                if (event != null) {
                    action.accept(event);
                    return true;
                }
            }
            return false;
        }

        /** The next row's event; null when the row was skipped or the input ended. */
        private TraceEvent next() {
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    ended = true;
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                // Not getCurrentLineNumber(): inside a cut line it names that line, at a line's end the one before.
                long line = lastLine + 1;
                TraceInputException error = e.getCause() instanceof CSVException bad
                        ? new TraceInputException(source.name(), line, MALFORMED + ": " + bad.getMessage(), bad)
                        : unreadable(line, e.getCause());
                if (!lenient) throw error;
                // The parser cannot resynchronise after either: what was read before this line is kept.
                skips.ended(line, error.reason());
                ended = true;
                return null;
            }
            long line = parser.getCurrentLineNumber();
            lastLine = line;
            int columns = TraceCsv.columns(version).size();
            if (record.size() != columns) {
                return skip(line, WRONG_COLUMNS, "expected " + columns + " columns, found " + record.size());
            }
            TraceEvent event;
            try {
                // An older version's missing columns read as empty (unknown).
                event = EventRows.fromRow(i -> i < columns ? record.get(i) : "");
            } catch (IllegalArgumentException e) {
                return skip(line, EventRows.knownType(record.get(TraceCsv.EVENT)) ? BAD_VALUE : UNKNOWN_EVENT,
                        e.getMessage());
            }
            EventChecks.Problem impossible = EventChecks.check(event, previousNs);
            if (impossible != null) return skip(line, impossible.rule().label(), impossible.message());
            previousNs = event.timeNs();
            return event;
        }

        /** Strict: the row's error; lenient: counted under {@code reason}, and null (no event). */
        private TraceEvent skip(long line, String reason, String message) {
            if (!lenient) throw new TraceInputException(source.name(), line, message);
            skips.skip(reason);
            return null;
        }
    }
}
