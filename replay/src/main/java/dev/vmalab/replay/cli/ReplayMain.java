package dev.vmalab.replay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of forked cell JVMs (and of replay's tests): replay's commands only. */
@Command(name = "vmalab", mixinStandardHelpOptions = true, subcommands = CommandLine.HelpCommand.class)
public final class ReplayMain {
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ReplayMain());
        for (Object c : ReplayCommands.all()) cl.addSubcommand(c);
        return dev.vmalab.traces.cli.CliErrors.install(cl);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(dev.vmalab.traces.cli.CliErrors.debugFrom(args)));
    }
}
