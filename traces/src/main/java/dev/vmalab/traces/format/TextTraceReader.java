package dev.vmalab.traces.format;

import dev.vmalab.traces.io.Compression;
import dev.vmalab.traces.io.TraceSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Base of the line-oriented readers: opens the source once, with compression
 * detected by {@link TraceSource#open()}, and turns I/O failures of the
 * decompressor into errors that name file and line.
 */
public abstract class TextTraceReader implements TraceReader {
    protected final TraceSource source;
    private Compression compression = Compression.NONE;

    protected TextTraceReader(TraceSource source) {
        this.source = source;
    }

    public TraceSource source() {
        return source;
    }

    /** The compression of the last opened input. */
    public Compression compression() {
        return compression;
    }

    /** The decompressed text. Perf script and our CSV are ASCII apart from names, which are UTF-8. */
    protected BufferedReader openText() throws IOException {
        TraceSource.Opened opened = source.open();
        compression = opened.compression();
        return new BufferedReader(new InputStreamReader(opened.in(), StandardCharsets.UTF_8), 1 << 16);
    }

    /** An error for input that ended or broke inside the compressed stream. */
    protected TraceInputException unreadable(long line, IOException e) {
        String what = compression == Compression.NONE ? "input" : compression.extension() + " input";
        return new TraceInputException(source.name(), line,
                "truncated or corrupt " + what + " (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); the lines before it were read", e);
    }
}
