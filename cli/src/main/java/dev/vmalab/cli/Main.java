package dev.vmalab.cli;

import dev.vmalab.nativebackend.cli.NativeCommands;
import dev.vmalab.replay.cli.ReplayCommands;
import dev.vmalab.reports.cli.ReportCommands;
import dev.vmalab.traces.cli.CliErrors;
import dev.vmalab.traces.cli.TracesCommands;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./vmalab}: one entry point; each module contributes its sub-commands. */
@Command(name = "vmalab", mixinStandardHelpOptions = true, version = "vmalab 0.1.0",
        description = "Trace-replay lab for the per-VMA-lock lookup path of the Linux page-fault handler.",
        subcommands = CommandLine.HelpCommand.class)
public final class Main implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No command given: the usage on stderr and exit 2, so a script that forgot the command fails. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return CliErrors.USAGE;
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Object c : TracesCommands.all()) cl.addSubcommand(c);
        for (Object c : ReplayCommands.all()) cl.addSubcommand(c);
        for (Object c : ReportCommands.all()) cl.addSubcommand(c);
        for (Object c : NativeCommands.all()) cl.addSubcommand(c);
        for (Object c : CliCommands.all()) cl.addSubcommand(c);
        return CliErrors.install(cl);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(CliErrors.debugFrom(args)));
    }
}
