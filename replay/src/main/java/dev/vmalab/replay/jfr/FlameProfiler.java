package dev.vmalab.replay.jfr;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import one.profiler.AsyncProfiler;

/**
 * --profile: an async-profiler CPU flame graph of a stretch of replay. When the native
 * library cannot load (another OS, no perf events) it says so once and does nothing.
 */
public final class FlameProfiler implements AutoCloseable {
    private final AsyncProfiler profiler;
    private final Path file;

    private FlameProfiler(AsyncProfiler profiler, Path file) {
        this.profiler = profiler;
        this.file = file;
    }

    /** Starts profiling into {@code file} (an HTML flame graph), or returns an inactive profiler. */
    public static FlameProfiler start(Path file, PrintStream err) {
        try {
            AsyncProfiler p = AsyncProfiler.getInstance();
            Files.createDirectories(file.getParent());
            p.execute("start,event=cpu,interval=1ms");
            return new FlameProfiler(p, file);
        } catch (Throwable t) { // UnsatisfiedLinkError, IllegalStateException from the agent, IOException
            err.println("vmalab: --profile: async-profiler cannot run here (" + t.getMessage()
                    + "); continuing without flame graphs");
            return new FlameProfiler(null, file);
        }
    }

    @Override
    public void close() {
        if (profiler == null) return;
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp.html");
            profiler.execute("stop,file=" + tmp);
            dev.vmalab.traces.io.OutputTarget.check(file); // rename only over a regular file or nothing
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            System.err.println("vmalab: --profile: could not write " + file + ": " + e.getMessage());
        }
    }
}
