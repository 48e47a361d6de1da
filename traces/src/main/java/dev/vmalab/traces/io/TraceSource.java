package dev.vmalab.traces.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a trace's bytes come from: a file, or a stream such as the stdout of
 * {@code perf script}. {@link #open()} is the one place compression is detected:
 * every reader gets plain bytes.
 */
public record TraceSource(String name, Opener opener) {
    /** Opens the raw (possibly compressed) bytes. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public TraceSource {
        Objects.requireNonNull(name);
        Objects.requireNonNull(opener);
    }

    public static TraceSource of(Path file) {
        return new TraceSource(file.toString(), () -> Files.newInputStream(file));
    }

    /** The decompressed bytes, with the compression found by peeking at the magic bytes. */
    public Opened open() throws IOException {
        InputStream raw = opener.open();
        try {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(Compression.MAGIC_LENGTH);
            byte[] head = new byte[Compression.MAGIC_LENGTH];
            int n = in.readNBytes(head, 0, head.length);
            in.reset();
            Compression compression = Compression.ofMagic(head, n);
            InputStream decoded = compression.decompress(in);
            // A cut .xz still yields what decodes before the cut (gzip and zstd decoders do that on their own).
            if (compression == Compression.XZ) decoded = new RecoveringXzInputStream(decoded, opener);
            return new Opened(compression, decoded);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Decompressed bytes of a source and the compression they had. */
    public record Opened(Compression compression, InputStream in) {}
}
