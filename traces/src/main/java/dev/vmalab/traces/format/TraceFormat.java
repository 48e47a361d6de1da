package dev.vmalab.traces.format;

import dev.vmalab.traces.io.TraceSource;
import dev.vmalab.traces.perf.ImportOptions;
import dev.vmalab.traces.perf.PerfScriptReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/**
 * The trace formats vmalab reads, each with its reader's constructor. A new
 * format is one reader class plus one line here.
 */
public enum TraceFormat {
    /** vmalab's own CSV (traces/README.md). */
    VMALAB_CSV(CsvTraceReader::new),
    /** Text of {@code perf script --show-mmap-events --show-task-events}, imported on the fly. */
    PERF_SCRIPT((source, lenient) -> new PerfScriptReader(source, lenient ? ImportOptions.LENIENT : ImportOptions.STRICT));

    private final BiFunction<TraceSource, Boolean, TraceReader> factory;

    TraceFormat(BiFunction<TraceSource, Boolean, TraceReader> factory) {
        this.factory = factory;
    }

    /** A strict reader: the first bad row stops it with FILE:LINE: reason. */
    public TraceReader readerFor(TraceSource source) {
        return readerFor(source, false);
    }

    /** @param lenient skip bad rows and count them by reason ({@link TraceReader#skips()}) instead of stopping */
    public TraceReader readerFor(TraceSource source, boolean lenient) {
        return factory.apply(source, lenient);
    }

    /** Our CSV opens with its version comment; anything else is taken to be perf script text. */
    public static TraceFormat detect(TraceSource source) throws IOException {
        try (BufferedReader text = new BufferedReader(
                new InputStreamReader(source.open().in(), StandardCharsets.UTF_8))) {
            String first = text.readLine();
            return first != null && first.startsWith("# " + TraceCsv.MAGIC) ? VMALAB_CSV : PERF_SCRIPT;
        } catch (java.nio.file.FileSystemException e) {
            throw e; // cannot open: the caller names the file
        } catch (IOException e) { // the decompressor failed before the first line ended: cut or damaged
            throw new TraceInputException(source.name(), 1, "truncated or corrupt input before the first line ended ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }
}
