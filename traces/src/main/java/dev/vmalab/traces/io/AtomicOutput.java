package dev.vmalab.traces.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An output file that appears whole or not at all: bytes go to a temporary file
 * in the target's directory (so the rename stays on one file system), compressed
 * as the target's extension says; {@link #commit()} renames it over the target;
 * {@link #close()} without a commit deletes it.
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private boolean committed;
    private boolean closed;

    private AtomicOutput(Path target, Path temp, OutputStream out) {
        this.target = target;
        this.temp = temp;
        this.out = out;
    }

    public static AtomicOutput create(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            readableByAll(temp);
            OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
            return new AtomicOutput(absolute, temp, Compression.ofFileName(absolute).compress(file));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** createTempFile makes the file private (0600); a trace is shared like any output file. */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: keep its defaults.
        }
    }

    /** The (compressing) stream to write to. */
    public OutputStream stream() {
        return out;
    }

    public Path target() {
        return target;
    }

    /** Finishes compression, flushes, and renames the temporary file over the target. */
    public void commit() throws IOException {
        if (closed) throw new IllegalStateException("already closed: " + target);
        closed = true;
        try {
            out.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } finally {
            if (!committed) Files.deleteIfExists(temp);
        }
    }

    /** Deletes the temporary file unless {@link #commit()} succeeded. */
    @Override
    public void close() throws IOException {
        if (committed) return;
        try {
            if (!closed) out.close();
        } catch (IOException ignored) {
            // The output is being discarded: a failure to flush it does not matter.
        } finally {
            closed = true;
            Files.deleteIfExists(temp);
        }
    }
}
