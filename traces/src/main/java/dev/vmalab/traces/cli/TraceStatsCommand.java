package dev.vmalab.traces.cli;

import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.format.TraceFormat;
import dev.vmalab.traces.format.TraceInputException;
import dev.vmalab.traces.format.TraceReader;
import dev.vmalab.traces.io.TraceSource;
import dev.vmalab.traces.stats.StatsReport;
import dev.vmalab.traces.stats.TraceStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vmalab trace stats FILE}: counts, VMA count over time, and race exposure of a trace. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Per-process and per-thread counts, the VMA count of each process over time, and the race "
                + "exposure: the share of faults that land in a VMA another thread changed (mmap, munmap, mprotect, "
                + "mremap, brk, VMA-changing madvise) within the window.",
                "FILE is a vmalab trace or perf script text (imported on the fly, strictly), any compression."})
public final class TraceStatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "trace to read")
    Path file;

    @Option(names = "--window-us", defaultValue = "" + TraceStats.DEFAULT_WINDOW_US,
            description = "race window in microseconds (default ${DEFAULT-VALUE})")
    long windowUs;

    @Option(names = "--every", defaultValue = "5000",
            description = "sample the VMA count every N events (default ${DEFAULT-VALUE})")
    long every;

    @Option(names = "--lenient",
            description = "skip bad rows (or perf lines) and impossible events, count them by reason, and read a "
                    + "damaged compressed trace up to the damage")
    boolean lenient;

    @Override
    public Integer call() throws Exception {
        if (windowUs < 0) throw new CommandLine.ParameterException(spec.commandLine(), "--window-us must be >= 0");
        if (every < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--every must be >= 1");
        if (Files.isDirectory(file)) {
            spec.commandLine().getErr().println("error: " + file + ": is a directory, not a trace file");
            return 1;
        }
        if (!Files.isReadable(file)) {
            spec.commandLine().getErr().println("error: cannot read " + file);
            return 1;
        }
        TraceSource source = TraceSource.of(file);
        TraceReader[] reader = new TraceReader[1];
        try (Stream<TraceEvent> events = (reader[0] = TraceFormat.detect(source).readerFor(source, lenient)).events()) {
            StatsReport report = TraceStats.of(events, new TraceStats.Options(every, windowUs));
            spec.commandLine().getOut().print(report.format());
            if (lenient) spec.commandLine().getOut().println("skipped (--lenient): " + reader[0].skips().format());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (TraceInputException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage()
                    + (lenient || e.line() == 0 ? "" : "\n(--lenient skips bad rows and counts them)"));
            return 1;
        }
    }
}
