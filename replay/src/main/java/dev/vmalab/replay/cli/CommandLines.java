package dev.vmalab.replay.cli;

import dev.vmalab.replay.config.ReplaySettings;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/** The exact command line a user typed, for machine.properties. */
final class CommandLines {
    private CommandLines() {}

    static String of(CommandSpec spec) {
        List<String> args = spec.root().commandLine().getParseResult().originalArgs();
        return "./vmalab " + args.stream().map(ReplaySettings::quote).collect(Collectors.joining(" "));
    }
}
