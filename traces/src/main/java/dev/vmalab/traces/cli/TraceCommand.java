package dev.vmalab.traces.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vmalab trace}: commands that look at a trace file. */
@Command(name = "trace", mixinStandardHelpOptions = true, description = "Inspect trace files.",
        subcommands = TraceStatsCommand.class)
public final class TraceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
