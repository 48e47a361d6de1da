package dev.vmalab.traces.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vmalab record --maps-readers}: no tracepoint shows the file a process opens (6.18's
 * {@code sys_enter_openat} prints only the name's user address), so this adds two uprobes on the C library's
 * {@code open64} and {@code openat64} that copy the path string ({@code perf probe -x LIBC
 * 'vmalab_open64=open64 path=+0(%di):string'}), records them, and deletes them afterwards. The importer turns an
 * open of {@code /proc/PID/maps} into a {@code maps_read}. What it cannot see: programs that do not open files
 * through this C library (static binaries, Go, raw syscalls), and how much of the file was read (a
 * {@code maps_read} walks every VMA, as reading the whole file does).
 */
final class MapsReaderProbes {
    /** The uprobe events as perf names them; the importer reads exactly these. */
    static final List<String> EVENTS = List.of("probe_libc:vmalab_open64", "probe_libc:vmalab_openat64");
    private static final List<String> DEFINITIONS = List.of("vmalab_open64=open64 path=+0(%di):string",
            "vmalab_openat64=openat64 path=+0(%si):string");
    private static final List<Path> LIBCS = List.of(Path.of("/usr/lib/x86_64-linux-gnu/libc.so.6"),
            Path.of("/lib/x86_64-linux-gnu/libc.so.6"), Path.of("/usr/lib64/libc.so.6"), Path.of("/lib64/libc.so.6"));

    private final String perf;
    private final List<String> added = new ArrayList<>();
    private String note = "";

    MapsReaderProbes(String perf) {
        this.perf = perf;
    }

    /** Adds the uprobes; returns the events to record (empty, with {@link #note()} saying why, when it cannot). */
    List<String> add(Path dir) throws InterruptedException {
        Path libc = LIBCS.stream().filter(Files::isRegularFile).findFirst().orElse(null);
        if (libc == null) {
            note = "note: no C library found at " + LIBCS + "; recording without maps readers";
            return List.of();
        }
        for (int i = 0; i < DEFINITIONS.size(); i++) {
            int status = run(dir, List.of(perf, "probe", "-q", "-x", libc.toString(), "-a", DEFINITIONS.get(i)));
            if (status != 0) {
                remove(dir);
                note = "note: perf probe could not add a uprobe on " + libc + " (exit " + status + "; needs root and "
                        + "CONFIG_UPROBE_EVENTS); recording without maps readers";
                return List.of();
            }
            added.add(EVENTS.get(i));
        }
        return List.copyOf(added);
    }

    /** Deletes the uprobes this added. */
    void remove(Path dir) throws InterruptedException {
        for (String e : added) run(dir, List.of(perf, "probe", "-q", "-d", e));
        added.clear();
    }

    String note() {
        return note;
    }

    /** Runs perf probe; -1 when perf cannot be started (the recorder's probe run then says how to install it). */
    private static int run(Path dir, List<String> cmd) throws InterruptedException {
        try {
            return new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("probe-uprobe.log").toFile()).start().waitFor();
        } catch (IOException e) {
            return -1;
        }
    }
}
