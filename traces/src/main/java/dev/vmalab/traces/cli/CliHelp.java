package dev.vmalab.traces.cli;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Help conventions kept in one place rather than in every option: each option with a default
 * value says it ("(default: X)" appended where its text does not already name the default).
 * Applied to the whole command tree, so options added later get it too.
 */
final class CliHelp {
    private CliHelp() {}

    static void showDefaults(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        for (OptionSpec o : List.copyOf(spec.options())) {
            if (o.usageHelp() || o.versionHelp() || o.defaultValue() == null || o.defaultValue().isEmpty()) continue;
            if (o.arity().max() == 0) continue; // a flag: off unless given
            String text = String.join(" ", o.description()).toLowerCase(Locale.ROOT);
            if (text.contains("default")) continue;
            String[] d = o.description().clone();
            if (d.length == 0) d = new String[] {""};
            String last = d[d.length - 1].strip();
            if (last.endsWith(".")) last = last.substring(0, last.length() - 1);
            d[d.length - 1] = last + " (default: ${DEFAULT-VALUE})" + (last.isEmpty() ? "" : ".");
            spec.remove(o);
            spec.addOption(o.toBuilder().description(d).build());
        }
        for (CommandLine sub : cl.getSubcommands().values()) showDefaults(sub);
    }
}
