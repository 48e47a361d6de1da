package dev.vmalab.nativebackend.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external tool (gcc, tar) to completion, with a time limit, capturing its output. */
public record Command(List<String> argv, Path workDir) {

    /** The exit status and the merged stdout and stderr of one run. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public Command {
        argv = List.copyOf(argv);
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), null);
    }

    /**
     * Runs the command. A program that cannot be started gives exit code 127 and the reason as
     * output, like a shell, so callers report a missing tool in one place.
     */
    public Result run(long timeoutSeconds) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        if (workDir != null) pb.directory(workDir.toFile());
        // A JVM started for the ASan backend preloads libasan: gcc and tar must not inherit it.
        pb.environment().remove("LD_PRELOAD");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        }
        try (InputStream in = p.getInputStream()) {
            p.getOutputStream().close();
            // Drain on this thread; output is small (compiler diagnostics).
            byte[] out = in.readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(124, "timed out after " + timeoutSeconds + " s: " + String.join(" ", argv));
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            p.destroyForcibly();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new NativeBuildException("interrupted: " + String.join(" ", argv), e);
        }
    }

    /** Shell-quoted, for logs and messages. */
    public String display() {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(a.matches("[A-Za-z0-9_./=,:+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
