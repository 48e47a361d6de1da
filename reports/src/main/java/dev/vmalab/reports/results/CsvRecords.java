package dev.vmalab.reports.results;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a result CSV with a header line, checks that the required columns are present, and maps
 * each record through typed getters that report file, line and column when a value is wrong.
 */
final class CsvRecords {
    /** Reading format: the first line names the columns; extra columns are allowed (the format may grow). */
    private static final CSVFormat READ_WITH_HEADER = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .get();

    private CsvRecords() {}

    /** One data record with its position, for error messages. */
    record Line(Path file, long number, CSVRecord record) {
        String text(String column) {
            return record.get(column);
        }

        long longValue(String column) {
            String v = text(column);
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new ResultFormatException(file, number, "column " + column + ": '" + v + "' is not an integer");
            }
        }

        /** A text column that older result folders lack: {@code absent} when the header has no such column. */
        String textOr(String column, String absent) {
            return record.isMapped(column) ? text(column) : absent;
        }

        /** An integer column that older result folders lack: {@code absent} when the header has no such column. */
        long longValueOr(String column, long absent) {
            return record.isMapped(column) ? longValue(column) : absent;
        }

        /** A number column that older result folders lack: {@code absent} when the header has no such column. */
        double doubleValueOr(String column, double absent) {
            return record.isMapped(column) ? doubleValue(column) : absent;
        }

        int intValue(String column) {
            long v = longValue(column);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new ResultFormatException(file, number, "column " + column + ": " + v + " is out of range");
            }
            return (int) v;
        }

        double doubleValue(String column) {
            String v = text(column);
            try {
                double d = Double.parseDouble(v);
                if (Double.isNaN(d)) throw new NumberFormatException();
                return d;
            } catch (NumberFormatException e) {
                throw new ResultFormatException(file, number, "column " + column + ": '" + v + "' is not a number");
            }
        }

        RunKey runKey() {
            return new RunKey(text("trace"), text("strategy"), intValue("threads"), intValue("run"));
        }

        ResultFormatException error(String reason) {
            return new ResultFormatException(file, number, reason);
        }
    }

    static <T> List<T> read(Path file, List<String> requiredColumns, Function<Line, T> mapper) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(in, READ_WITH_HEADER)) {
            List<String> header = parser.getHeaderNames();
            for (String column : requiredColumns) {
                if (!header.contains(column)) {
                    throw new ResultFormatException(file, 1, "header lacks column '" + column + "' (has " + header + ")");
                }
            }
            List<T> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (!record.isConsistent()) {
                    throw new ResultFormatException(file, line,
                            "has " + record.size() + " fields, the header has " + header.size());
                }
                rows.add(mapper.apply(new Line(file, line, record)));
            }
            return rows;
        } catch (NoSuchFileException e) {
            throw new ResultFormatException(file, 0, "file not found");
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // commons-csv reports malformed quoting and duplicate header names as unchecked exceptions.
            throw new ResultFormatException(file, "cannot parse CSV: " + e.getMessage(), e);
        }
    }
}
