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
 * An output file that appears whole or not at all, the one way every vmalab writer puts a
 * file on disk: the target is checked first ({@link OutputTarget}: nothing or a regular file,
 * never a device, FIFO, socket, directory, symlink or the input); bytes go to a temporary file
 * in the target's directory (so the rename stays on one file system), compressed as the
 * target's extension says; {@link #commit()} renames it over the target; {@link #close()}
 * without a commit deletes it, and so does a SIGINT/SIGTERM ({@link TempFiles}).
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

    /** Writes a whole file through {@code body} (uncompressed, whatever the name). */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** {@code file} replaced whole by what {@code body} writes; no compression. */
    public static void write(Path file, Body body) throws IOException {
        try (AtomicOutput o = open(file, false)) {
            body.write(o.stream());
            o.commit();
        }
    }

    public static void write(Path file, byte[] content) throws IOException {
        write(file, out -> out.write(content));
    }

    public static void writeString(Path file, String content) throws IOException {
        write(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * @param inputs files the target must not be (an import into its own input)
     */
    public static AtomicOutput create(Path target, Path... inputs) throws IOException {
        OutputTarget.check(target, inputs);
        return open(target, true);
    }

    private static AtomicOutput open(Path target, boolean compressByName) throws IOException {
        Path absolute = target.toAbsolutePath();
        OutputTarget.check(absolute);
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        TempFiles.register(temp);
        try {
            readableByAll(temp);
            OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
            Compression c = compressByName ? Compression.ofFileName(absolute) : Compression.NONE;
            return new AtomicOutput(absolute, temp, c.compress(file));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            TempFiles.release(temp);
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
            OutputTarget.check(target); // again: something may have appeared there while we wrote
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } finally {
            if (!committed) Files.deleteIfExists(temp);
            TempFiles.release(temp);
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
            TempFiles.release(temp);
        }
    }
}
