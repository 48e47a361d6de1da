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
 * inherit), then pipes {@code perf script --show-mmap-events --show-task-events --ns}
 * straight into the importer. Before the real run a one-shot probe records
 * {@code true}, so a missing perf or missing permission is reported with the fix
 * instead of a half-run command.
 *
 * <p>When the kernel has the {@code mmap_lock} tracepoints ({@link #MMAP_LOCK_EVENTS}), they are recorded too:
 * start_locking with a short kernel callchain (which function asked for the lock), acquire_returned and
 * released without; the importer reads them into each fault's kernel outcome and each mapping syscall's
 * write-hold time. Without them (an older kernel, or perf refusing them), the recording goes on without and
 * {@link #note()} says so in one line.
 */
public final class PerfRecorder {
    /** The perf executable (a name looked up on PATH, or a path), the ring-buffer size, whether to keep perf.data. */
    public record Options(String perf, String buffer, boolean keepPerfData, boolean mapsReaders) {
        public static final Options DEFAULT = new Options("perf", "64M", false);

        /** Without maps readers (they need uprobes: {@link MapsReaderProbes}). */
        public Options(String perf, String buffer, boolean keepPerfData) {
            this(perf, buffer, keepPerfData, false);
        }
    }

    /** The events as {@code -e} arguments; the importer reads exactly these. */
    public static final List<String> EVENTS = List.of("exceptions:page_fault_user",
            "syscalls:sys_enter_mmap", "syscalls:sys_exit_mmap", "syscalls:sys_enter_munmap", "syscalls:sys_exit_munmap",
            "syscalls:sys_enter_mprotect", "syscalls:sys_exit_mprotect", "syscalls:sys_enter_mremap",
            "syscalls:sys_exit_mremap", "syscalls:sys_enter_brk", "syscalls:sys_exit_brk",
            "syscalls:sys_enter_madvise", "syscalls:sys_exit_madvise");

    /**
     * The mmap_lock tracepoints (include/trace/events/mmap_lock.h, kernel 5.10+). max-stack=6 reaches the
     * fault-path caller (lock_mm_and_find_vma, __vmf_anon_prepare) and keeps the text small.
     */
    public static final List<String> MMAP_LOCK_EVENTS = List.of(
            "mmap_lock:mmap_lock_start_locking/call-graph=fp,max-stack=6/",
            "mmap_lock:mmap_lock_acquire_returned", "mmap_lock:mmap_lock_released");

    /** Where tracefs may be mounted. */
    private static final List<Path> TRACEFS = List.of(Path.of("/sys/kernel/tracing"),
            Path.of("/sys/kernel/debug/tracing"));

    private final Options options;
    private boolean withMmapLock;
    private String note = "";
    private List<String> uprobes = List.of();

    public PerfRecorder(Options options) {
        this.options = options;
        this.withMmapLock = hasMmapLockTracepoints(TRACEFS);
        if (!withMmapLock) {
            note = "note: this kernel has no mmap_lock tracepoints (tracefs events/mmap_lock/); recording without "
                    + "the kernel's fault outcomes and lock hold times";
        }
    }

    /** Whether any of these tracefs roots has the three mmap_lock tracepoints. */
    static boolean hasMmapLockTracepoints(List<Path> tracefsRoots) {
        for (Path root : tracefsRoots) {
            Path dir = root.resolve("events/mmap_lock");
            if (Files.isDirectory(dir.resolve("mmap_lock_start_locking"))
                    && Files.isDirectory(dir.resolve("mmap_lock_acquire_returned"))
                    && Files.isDirectory(dir.resolve("mmap_lock_released"))) {
                return true;
            }
        }
        return false;
    }

    /** What the recording lacks, one line per thing (empty when it has everything). */
    public String note() {
        return note;
    }

    private void addNote(String line) {
        note = note.isEmpty() ? line : note + "\n" + line;
    }

    /** The events recorded: {@link #EVENTS}, plus {@link #MMAP_LOCK_EVENTS} when the kernel has them. */
    public List<String> events() {
        List<String> all = new ArrayList<>(EVENTS);
        if (withMmapLock) all.addAll(MMAP_LOCK_EVENTS);
        all.addAll(uprobes);
        return all;
    }

    /** The {@code perf record} command line for {@code command}, writing {@code data}. */
    public List<String> recordCommand(Path data, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of(perfExecutable(), "record", "-q", "-m", options.buffer()));
        for (String e : events()) {
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
        MapsReaderProbes maps = options.mapsReaders() ? new MapsReaderProbes(perfExecutable()) : null;
        try {
            if (maps != null) {
                uprobes = maps.add(dir);
                if (!maps.note().isEmpty()) addNote(maps.note());
            }
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
            if (maps != null) maps.remove(dir);
            deleteTree(dir);
        }
    }

    /** Records {@code true} with the full event set to find out whether the real run can work. */
    private void probe(Path dir) throws IOException, PerfUnavailableException, InterruptedException {
        if (withMmapLock && probeOnce(dir) != 0) {
            // perf (or its permissions) may refuse the mmap_lock events or their callchain: go on without them.
            withMmapLock = false;
            addNote("note: perf could not record the mmap_lock tracepoints here; recording without the kernel's "
                    + "fault outcomes and lock hold times");
        }
        if (withMmapLock) return;
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
                "--show-task-events", "--ns").redirectError(errors.toFile()).start();
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

    /** A probe run with the current event set; its exit status (a missing perf throws). */
    private int probeOnce(Path dir) throws IOException, InterruptedException {
        try {
            return new ProcessBuilder(recordCommand(dir.resolve("probe.data"), List.of("true")))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("probe.log").toFile()).start().waitFor();
        } catch (IOException e) {
            return -1; // probe() below reports it
        }
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
