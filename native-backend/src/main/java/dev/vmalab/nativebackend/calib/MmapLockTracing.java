package dev.vmalab.nativebackend.calib;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A tracefs instance of our own ({@code /sys/kernel/tracing/instances/vmalab-calib-<pid>}, so
 * nobody else's tracing is touched) with the mmap_lock tracepoints on for one task:
 * {@code mmap_lock_start_locking} with a {@code stacktrace} trigger (its kernel callchain says
 * why the lock was taken), {@code mmap_lock_acquire_returned} and {@code mmap_lock_released},
 * filtered with {@code set_event_pid}. The caller writes phase markers to {@link #marker()}.
 * {@link #close()} turns everything off and removes the instance.
 */
public final class MmapLockTracing implements AutoCloseable {
    static final Path TRACEFS = Path.of("/sys/kernel/tracing");
    private static final String EVENTS = "events/mmap_lock";
    private static final String START = EVENTS + "/mmap_lock_start_locking/trigger";

    private final Path dir;
    private boolean triggerSet;

    private MmapLockTracing(Path dir) {
        this.dir = dir;
    }

    /**
     * Why tracing cannot be used here, in one line, or empty when it can: tracefs mounted,
     * the mmap_lock events present, and instances creatable (root).
     */
    public static Optional<String> unavailable() {
        return unavailable(TRACEFS);
    }

    static Optional<String> unavailable(Path tracefs) {
        if (!Files.isDirectory(tracefs.resolve("instances"))) {
            return Optional.of("no tracefs at " + tracefs + " (mount it, or run as root)");
        }
        if (!Files.isDirectory(tracefs.resolve(EVENTS + "/mmap_lock_start_locking"))) {
            return Optional.of("this kernel has no mmap_lock tracepoints (" + tracefs.resolve(EVENTS) + ")");
        }
        if (!Files.isWritable(tracefs.resolve("instances"))) {
            return Optional.of("cannot create a tracefs instance under " + tracefs.resolve("instances") + " (needs root)");
        }
        return Optional.empty();
    }

    /** Makes the instance; tracing is off until {@link #start(long)}. */
    public static MmapLockTracing create() throws IOException {
        Path dir = TRACEFS.resolve("instances").resolve("vmalab-calib-" + ProcessHandle.current().pid());
        if (!Files.isDirectory(dir)) Files.createDirectory(dir);
        MmapLockTracing t = new MmapLockTracing(dir);
        try {
            t.write("buffer_size_kb", "32768"); // per CPU: room for every event of a run
            t.write(START, "stacktrace");
            t.triggerSet = true;
        } catch (IOException e) {
            t.close();
            throw e;
        }
        return t;
    }

    /** The trace_marker file: a program writes its phase markers there. */
    public Path marker() {
        return dir.resolve("trace_marker");
    }

    /** Traces task {@code pid} from now on. */
    public void start(long pid) throws IOException {
        write("set_event_pid", Long.toString(pid));
        write(EVENTS + "/enable", "1");
    }

    /** Stops tracing and returns what was recorded. */
    public String stopAndRead() throws IOException {
        write(EVENTS + "/enable", "0");
        return Files.readString(dir.resolve("trace"), StandardCharsets.ISO_8859_1);
    }

    /** Events the ring buffer had to drop (a full buffer makes counts low, never high). */
    public long overruns() {
        try {
            long n = 0;
            try (var cpus = Files.list(dir.resolve("per_cpu"))) {
                for (Path cpu : cpus.toList()) {
                    for (String l : Files.readAllLines(cpu.resolve("stats"))) {
                        if (l.startsWith("overrun:")) n += Long.parseLong(l.substring(8).strip());
                    }
                }
            }
            return n;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private void write(String file, String value) throws IOException {
        Files.writeString(dir.resolve(file), value + "\n");
    }

    @Override
    public void close() {
        try {
            write(EVENTS + "/enable", "0");
        } catch (IOException ignored) {
            // the instance may be half made; removing it below is what matters
        }
        if (triggerSet) {
            try {
                write(START, "!stacktrace");
            } catch (IOException ignored) {
                // as above
            }
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // an instance with a trigger left cannot be removed; nothing else to do
        }
    }
}
