package dev.vmalab.traces.cli;

import dev.vmalab.traces.perf.ImportSummary;
import dev.vmalab.traces.record.PerfRecorder;
import dev.vmalab.traces.record.PerfUnavailableException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vmalab record -o OUT -- CMD [ARGS]}: perf record with the vmalab events, then import. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Run CMD under `perf record` with the vmalab event set (exceptions:page_fault_user and "
                + "sys_enter/sys_exit of mmap, munmap, mprotect, mremap, brk, madvise, and the mmap_lock tracepoints "
                + "when the kernel has them; all threads and children), "
                + "then import `perf script --show-mmap-events --show-task-events` into OUT.",
                "Needs perf (Debian: apt-get install linux-perf) and root, or kernel.perf_event_paranoid <= 1 "
                        + "with readable tracepoints."})
public final class RecordCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out", "--output"}, required = true, paramLabel = "OUT", description = "trace to write")
    Path out;

    @Option(names = "--perf", defaultValue = "perf", description = "perf executable (default ${DEFAULT-VALUE})")
    String perf;

    @Option(names = {"-m", "--mmap-pages"}, defaultValue = "64M",
            description = "perf ring-buffer size per CPU (default ${DEFAULT-VALUE}; bigger loses fewer events)")
    String buffer;

    @Option(names = "--keep-perf-data", description = "keep perf.data as OUT.perf.data")
    boolean keep;

    @Option(names = "--maps-readers", description = "also record opens of /proc/PID/maps (maps_read events) with "
            + "two uprobes on the C library's open64/openat64, added for the recording and deleted after it")
    boolean mapsReaders;

    @Parameters(paramLabel = "CMD", arity = "1..*", description = "the command to record, after --")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        try {
            PerfRecorder recorder = new PerfRecorder(new PerfRecorder.Options(perf, buffer, keep, mapsReaders));
            ImportSummary summary = recorder.record(command, out);
            if (!recorder.note().isEmpty()) spec.commandLine().getErr().println(recorder.note());
            spec.commandLine().getOut().print(summary.format());
            spec.commandLine().getOut().println("wrote " + out);
            return 0;
        } catch (PerfUnavailableException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
    }
}
