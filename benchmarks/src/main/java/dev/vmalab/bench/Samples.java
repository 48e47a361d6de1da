package dev.vmalab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The committed sample traces the import and replay benchmarks read
 * ({@code traces/samples/}, see its README). The build copies the ones named
 * here into the benchmarks jar under {@code samples/} (benchmarks/pom.xml), so
 * the jar runs from any directory.
 */
final class Samples {
    private Samples() {}

    /** {@code xz -T2} recording: 1 process, 3 threads, 22706 faults, 23822 perf script lines (with the mmap_lock records). */
    static final String PERF_XZ = "xz-t2.perf.xz";
    /** The same recording imported to the vmalab trace format (for replay). */
    static final String TRACE = "xz-t2.csv.zst";

    /** Copies the sample {@code name} into {@code dir}; returns its path. */
    static Path copy(String name, Path dir) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) throw new IllegalStateException("sample " + name + " is not in the benchmarks jar: rebuild it");
            Path out = dir.resolve(name);
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
