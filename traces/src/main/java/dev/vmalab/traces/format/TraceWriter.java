package dev.vmalab.traces.format;

import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.io.AtomicOutput;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a vmalab trace CSV, compressed as the file name's extension says
 * ({@code .gz}, {@code .xz}, {@code .zst}, or none). The file appears only on
 * {@link #commit()}; closing without a commit (an exception, a bad input line)
 * leaves no partial file behind:
 * <pre>{@code
 * try (TraceWriter w = TraceWriter.create(out)) {
 *     events.forEach(w::write);
 *     w.commit();
 * }
 * }</pre>
 */
public final class TraceWriter implements AutoCloseable {
    private final AtomicOutput output;
    private final Writer text;
    private final CSVPrinter printer;
    private long written;

    private TraceWriter(AtomicOutput output) throws IOException {
        this.output = output;
        this.text = new OutputStreamWriter(output.stream(), StandardCharsets.UTF_8);
        this.printer = new CSVPrinter(text, TraceCsv.WRITE);
    }

    public static TraceWriter create(Path file) throws IOException {
        AtomicOutput output = AtomicOutput.create(file);
        try {
            return new TraceWriter(output);
        } catch (IOException | RuntimeException e) {
            output.close();
            throw e;
        }
    }

    /** Appends one event; unchecked so it can be used from {@code Stream.forEach}. */
    public void write(TraceEvent event) {
        try {
            printer.printRecord((Object[]) EventRows.toRow(event));
            written++;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing " + output.target(), e);
        }
    }

    public long written() {
        return written;
    }

    /** Flushes and moves the finished file into place. */
    public void commit() throws IOException {
        printer.flush();
        text.flush();
        output.commit();
    }

    /** Discards the output unless committed. */
    @Override
    public void close() throws IOException {
        output.close();
    }
}
