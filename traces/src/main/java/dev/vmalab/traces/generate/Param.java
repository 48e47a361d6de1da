package dev.vmalab.traces.generate;

import java.util.List;

/** A generator parameter: its name on the command line ({@code name=value}), default, allowed values, and meaning. */
public record Param(String name, String defaultValue, Kind kind, List<String> choices, String description) {
    public enum Kind { INT, DOUBLE, CHOICE }

    public static Param integer(String name, long defaultValue, String description) {
        return new Param(name, Long.toString(defaultValue), Kind.INT, List.of(), description);
    }

    public static Param decimal(String name, double defaultValue, String description) {
        return new Param(name, Double.toString(defaultValue), Kind.DOUBLE, List.of(), description);
    }

    public static Param choice(String name, String defaultValue, List<String> choices, String description) {
        return new Param(name, defaultValue, Kind.CHOICE, List.copyOf(choices), description);
    }

    /** "threads=4  (int) number of faulting threads" for --help. */
    public String usage() {
        String allowed = switch (kind) {
            case INT -> "integer >= 1";
            case DOUBLE -> "number > 0";
            case CHOICE -> String.join("|", choices);
        };
        return name + "=" + defaultValue + "  (" + allowed + ") " + description;
    }
}
