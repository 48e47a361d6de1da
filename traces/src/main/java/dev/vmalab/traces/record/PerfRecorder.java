package dev.vmalab.traces.record;

import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.format.TraceWriter;
import dev.vmalab.traces.io.TraceSource;
import dev.vmalab.traces.perf.ImportOptions;
import dev.vmalab.traces.perf.ImportSummary;
import dev.vmalab.traces.perf.PerfScriptReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code vmalab record}: runs a command under {@code perf record} with the vmalab
 * event set (user page faults, the mapping syscalls' enter and exit; task and
 * mmap side-band records come with it), all threads and children (perf's default
 * inherit), then pipes {@code perf script --show-mmap-events --show-task-events}
 * straight into the importer. Before the real run a one-shot probe records
 * {@code true}, so a missing perf or missing permission is reported with the fix
 * instead of a half-run command.
 */
public final class PerfRecorder {
    /** The perf executable (a name looked up on PATH, or a path), the ring-buffer size, whether to keep perf.data. */
    public record Options(String perf, String buffer, boolean keepPerfData) {
        public static final Options DEFAULT = new Options("perf", "64M", false);
    }

    /** The events as {@code -e} arguments; the importer reads exactly these. */
    public static final List<String> EVENTS = List.of("exceptions:page_fault_user",
            "syscalls:sys_enter_mmap", "syscalls:sys_exit_mmap", "syscalls:sys_enter_munmap", "syscalls:sys_exit_munmap",
            "syscalls:sys_enter_mprotect", "syscalls:sys_exit_mprotect", "syscalls:sys_enter_mremap",
            "syscalls:sys_exit_mremap", "syscalls:sys_enter_brk", "syscalls:sys_exit_brk",
            "syscalls:sys_enter_madvise", "syscalls:sys_exit_madvise");

    private final Options options;

    public PerfRecorder(Options options) {
        this.options = options;
    }

    /** The {@code perf record} command line for {@code command}, writing {@code data}. */
    public List<String> recordCommand(Path data, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of(perfExecutable(), "record", "-q", "-m", options.buffer()));
        for (String e : EVENTS) {
            cmd.add("-e");
            cmd.add(e);
        }
        cmd.addAll(List.of("-o", data.toString(), "--"));
        cmd.addAll(command);
        return cmd;
    }

    public ImportSummary record(List<String> command, Path out) throws IOException, PerfUnavailableException,
            InterruptedException {
        if (command.isEmpty()) throw new IllegalArgumentException("no command to record");
        Path dir = Files.createTempDirectory(out.toAbsolutePath().getParent(), ".vmalab-record");
        try {
            probe(dir);
            Path data = dir.resolve("perf.data");
            Process perf = new ProcessBuilder(recordCommand(data, command)).inheritIO().start();
            int status = perf.waitFor();
            if (!Files.exists(data)) throw new IOException("perf record exited with " + status + " and wrote no data");
            ImportSummary summary = importScript(data, out, dir);
            if (options.keepPerfData()) {
                Files.move(data, out.resolveSibling(out.getFileName() + ".perf.data"));
            }
            return summary;
        } finally {
            deleteTree(dir);
        }
    }

    /** Records {@code true} with the full event set to find out whether the real run can work. */
    private void probe(Path dir) throws IOException, PerfUnavailableException, InterruptedException {
        Path log = dir.resolve("probe.log");
        Process p;
        try {
            p = new ProcessBuilder(recordCommand(dir.resolve("probe.data"), List.of("true")))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new PerfUnavailableException("cannot run perf ('" + options.perf() + "'): " + e.getMessage()
                    + "\nInstall it (Debian/Ubuntu: apt-get install linux-perf; Fedora: dnf install perf).");
        }
        int status = p.waitFor();
        if (status != 0) {
            String said = Files.readString(log, StandardCharsets.UTF_8).strip();
            throw new PerfUnavailableException("perf may not record the vmalab events here (perf record exited with "
                    + status + "):\n  " + said.replace("\n", "\n  ")
                    + "\nTo fix: run as root, or allow it with `sysctl kernel.perf_event_paranoid=1` and make the "
                    + "tracepoints readable (tracefs at /sys/kernel/tracing); check that the kernel has the "
                    + "exceptions:page_fault_user and syscalls:* tracepoints (x86, CONFIG_FTRACE_SYSCALLS).");
        }
    }

    private ImportSummary importScript(Path data, Path out, Path dir) throws IOException, InterruptedException {
        Path errors = dir.resolve("script.log");
        Process script = new ProcessBuilder(perfExecutable(), "script", "-i", data.toString(), "--show-mmap-events",
                "--show-task-events").redirectError(errors.toFile()).start();
        PerfScriptReader reader = new PerfScriptReader(
                new TraceSource("perf script -i " + data, script::getInputStream), ImportOptions.STRICT);
        try (TraceWriter writer = TraceWriter.create(out); Stream<TraceEvent> events = reader.events()) {
            events.forEach(writer::write);
            int status = script.waitFor();
            if (status != 0) {
                throw new IOException("perf script exited with " + status + ": "
                        + Files.readString(errors, StandardCharsets.UTF_8).strip());
            }
            writer.commit();
        } finally {
            script.destroy();
        }
        return reader.summary();
    }

    /** The perf executable: a path as given, else the first match on PATH; a clear error if there is none. */
    private String perfExecutable() {
        String perf = options.perf();
        if (perf.contains(File.separator)) return perf;
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(File.pathSeparator)) {
            Path candidate = Path.of(d.isEmpty() ? "." : d, perf);
            if (Files.isExecutable(candidate)) return candidate.toString();
        }
        return perf; // starting it fails, and probe() says to install perf
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
