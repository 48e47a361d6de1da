package dev.vmalab.reports.io;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes a CSV data file of the report (header + rows), atomically. */
public final class CsvOut {
    /** Writing format: plain RFC 4180 with '\n' line ends, the header passed per file. */
    private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private CsvOut() {}

    public static void write(Path file, List<String> header, List<? extends List<?>> rows) {
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, WRITE.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (List<?> row : rows) printer.printRecord(row.stream().map(CsvOut::cell).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFiles.writeString(file, text.toString());
    }

    private static Object cell(Object v) {
        if (v instanceof Double d && !Double.isFinite(d)) return "";
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) return (long) (double) d;
        return v;
    }
}
