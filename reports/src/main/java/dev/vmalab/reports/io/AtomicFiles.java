package dev.vmalab.reports.io;

import dev.vmalab.traces.io.AtomicOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The report writers' unchecked face of {@link AtomicOutput} (the lab's one safe writer: whole
 * file or nothing, never over a device, FIFO, link or directory), so a browser or a script never
 * sees a half-written report file.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void write(Path target, byte[] content) {
        try {
            AtomicOutput.write(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    public static void writeString(Path target, String content) {
        write(target, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
