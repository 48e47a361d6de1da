package dev.vmalab.traces.cli;

import dev.vmalab.traces.format.TraceInputException;
import dev.vmalab.traces.io.OutputTarget;
import dev.vmalab.traces.io.TraceSource;
import dev.vmalab.traces.perf.ImportOptions;
import dev.vmalab.traces.perf.ImportSummary;
import dev.vmalab.traces.perf.PerfImport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vmalab import IN -o OUT}: perf script text to a vmalab trace, with a summary ({@code import IN OUT} still works). */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import `perf script --show-mmap-events --show-task-events` text (default fields, or "
                + "-F comm,pid,tid,cpu,time,event,trace --ns; plain, .gz, .xz or .zst) into a vmalab trace.",
                "OUT is compressed as its extension says (.gz, .xz, .zst, or plain). It appears only if the "
                        + "import succeeds."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:imported", "1:bad input (the message names file, line and reason)", "2:usage error"})
public final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "perf script output")
    Path in;

    @Option(names = {"-o", "--out", "--output"}, paramLabel = "OUT", description = "trace to write, e.g. app.csv.zst")
    Path out;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OUT", hidden = true,
            description = "deprecated: the old form `import IN OUT`; use -o OUT")
    Path legacyOut;

    @Option(names = "--lenient", description = "skip bad lines and count them in the summary instead of stopping")
    boolean lenient;

    @Override
    public Integer call() throws Exception {
        if (out != null && legacyOut != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "OUT given twice (as -o and as an argument)");
        }
        if (legacyOut != null) {
            spec.commandLine().getErr().println("vmalab import: `import IN OUT` is deprecated; use `import IN -o OUT`");
            out = legacyOut;
        }
        if (out == null) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing -o OUT (the trace to write)");
        if (Files.isDirectory(in)) {
            spec.commandLine().getErr().println("vmalab import: " + in + ": is a directory, not a perf script file");
            return 1;
        }
        if (!Files.isReadable(in)) {
            spec.commandLine().getErr().println("vmalab import: " + in + ": cannot read (no such file or no permission)");
            return 1;
        }
        OutputTarget.check(out, in); // before reading a byte: /dev/full, a FIFO, a directory or IN itself is refused
        TraceSource[] source = {TraceSource.of(in)};
        try (ImportProgress progress = ImportProgress.attach(in, source)) {
            ImportSummary summary = PerfImport.run(source[0], out, lenient ? ImportOptions.LENIENT : ImportOptions.STRICT);
            progress.close();
            spec.commandLine().getOut().print(summary.format());
            spec.commandLine().getOut().println("wrote " + out);
            return 0;
        } catch (TraceInputException e) {
            spec.commandLine().getErr().println("vmalab import: " + e.getMessage()
                    + (lenient || e.line() == 0 ? "" : "\n(--lenient skips bad lines and counts them)"));
            return 1;
        }
    }
}
