package dev.vmalab.replay.jfr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Recording;

/** --jfr: a recording of vmalab's own events (plus the JVM's defaults off), dumped to DIR/jfr/NAME.jfr. */
public final class JfrRecording implements AutoCloseable {
    /** Every this many fault lookups per worker, one is recorded as a {@link LookupSample}. */
    public static final int SAMPLE_EVERY = 1024;

    private final Recording recording = new Recording();
    private final Path file;

    private JfrRecording(Path file) {
        this.file = file;
        recording.enable(RunEvent.class);
        recording.enable(ViolationEvent.class);
        recording.enable(LookupSample.class);
        recording.setName("vmalab");
        recording.start();
    }

    public static JfrRecording start(Path dir, String name) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new JfrRecording(dir.resolve(name + ".jfr"));
    }

    @Override
    public void close() {
        try {
            recording.stop();
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            recording.dump(tmp);
            dev.vmalab.traces.io.OutputTarget.check(file); // rename only over a regular file or nothing
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        } finally {
            recording.close();
        }
    }
}
