package dev.vmalab.traces.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * The compressions a trace file may use. Input is recognised by its magic bytes
 * (never by its name: a renamed file still reads); output is chosen by the file
 * name's extension, so {@code out.csv.zst} is written zstd-compressed.
 */
public enum Compression {
    NONE("", new byte[0]),
    GZIP(".gz", new byte[] {0x1f, (byte) 0x8b}),
    XZ(".xz", new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0x00}),
    ZSTD(".zst", new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd});

    /** Bytes to peek at to tell the compressions apart. */
    static final int MAGIC_LENGTH = 6;

    private final String extension;
    private final byte[] magic;

    Compression(String extension, byte[] magic) {
        this.extension = extension;
        this.magic = magic;
    }

    public String extension() {
        return extension;
    }

    /** The compression whose magic starts {@code head} (the first bytes of a stream); NONE if none does. */
    public static Compression ofMagic(byte[] head, int length) {
        for (Compression c : values()) {
            if (c != NONE && length >= c.magic.length
                    && Arrays.equals(head, 0, c.magic.length, c.magic, 0, c.magic.length)) {
                return c;
            }
        }
        return NONE;
    }

    /** The compression an output file gets from its name's extension. */
    public static Compression ofFileName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (Compression c : values()) {
            if (c != NONE && name.endsWith(c.extension)) return c;
        }
        return NONE;
    }

    /** The file name without this compression's extension ({@code a.csv.zst} -> {@code a.csv}). */
    public static String stripExtension(String fileName) {
        Compression c = ofFileName(Path.of(fileName));
        return fileName.substring(0, fileName.length() - c.extension.length());
    }

    InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            // Concatenated members: `cat a.gz b.gz` and pigz output are valid gzip.
            // Small reads: a cut gzip throws inside read(), losing what that call inflated (<= 1 KiB so).
            case GZIP -> new java.io.FilterInputStream(new GzipCompressorInputStream(in, true)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, Math.min(len, 1024));
                }
            };
            case XZ -> new XZCompressorInputStream(in, true);
            case ZSTD -> new ZstdCompressorInputStream(in);
        };
    }

    OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new GzipCompressorOutputStream(out);
            // Preset 6 (xz's default): samples are small and decoding speed does not depend on it.
            case XZ -> new XZCompressorOutputStream(out, 6);
            case ZSTD -> new ZstdCompressorOutputStream(out, 9);
        };
    }
}
