package dev.vmalab.traces.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vmalab trace}: commands that look at a trace file. */
@Command(name = "trace", mixinStandardHelpOptions = true, description = "Inspect trace files.",
        subcommands = TraceStatsCommand.class)
public final class TraceCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** No sub-command: usage on stderr, exit 2 (CliErrors.USAGE). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CliErrors.USAGE;
    }
}
