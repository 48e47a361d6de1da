package dev.vmalab.traces.cli;

import java.util.List;
import picocli.CommandLine;

/** The picocli sub-commands this module adds to {@code ./vmalab}; {@code dev.vmalab.cli.Main} registers them. */
public final class TracesCommands {
    private TracesCommands() {}

    /** New instances of this module's sub-commands, in the order {@code --help} lists them. */
    public static List<Object> all() {
        return List.of(new RecordCommand(), new ImportCommand(), generate(), new TraceCommand());
    }

    /** The generate command, with the registry's generators and parameters in its --help. */
    static CommandLine generate() {
        CommandLine cl = new CommandLine(new GenerateCommand());
        cl.getCommandSpec().usageMessage().footer(GenerateCommand.generatorHelp());
        return cl;
    }
}
