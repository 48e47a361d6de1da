package dev.vmalab.traces.generate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Validated parameter values of one generator run: every declared parameter has a value (given or default). */
public final class Params {
    private final Map<String, String> values;

    private Params(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Checks {@code given} against {@code declared}: unknown names and bad values
     * throw IllegalArgumentException saying what is allowed.
     */
    public static Params of(String generator, List<Param> declared, Map<String, String> given) {
        Map<String, Param> byName = declared.stream().collect(Collectors.toMap(Param::name, p -> p));
        Map<String, String> values = new HashMap<>();
        for (Param p : declared) values.put(p.name(), p.defaultValue());
        for (Map.Entry<String, String> e : given.entrySet()) {
            Param p = byName.get(e.getKey());
            if (p == null) {
                throw new IllegalArgumentException("generator " + generator + " has no parameter '" + e.getKey()
                        + "'; allowed: " + declared.stream().map(Param::name).collect(Collectors.joining(", ")));
            }
            check(generator, p, e.getValue());
            values.put(p.name(), e.getValue());
        }
        return new Params(values);
    }

    private static void check(String generator, Param p, String value) {
        String problem = switch (p.kind()) {
            case INT -> {
                try {
                    yield Long.parseLong(value) >= 1 ? null : "must be >= 1";
                } catch (NumberFormatException e) {
                    yield "must be an integer";
                }
            }
            case DOUBLE -> {
                try {
                    double d = Double.parseDouble(value);
                    yield d > 0 && Double.isFinite(d) ? null : "must be a number > 0";
                } catch (NumberFormatException e) {
                    yield "must be a number";
                }
            }
            case CHOICE -> p.choices().contains(value) ? null : "must be one of " + String.join(", ", p.choices());
        };
        if (problem != null) {
            throw new IllegalArgumentException(generator + ": " + p.name() + "=" + value + ": " + problem);
        }
    }

    public int integer(String name) {
        return Math.toIntExact(Long.parseLong(get(name)));
    }

    public double decimal(String name) {
        return Double.parseDouble(get(name));
    }

    public String choice(String name) {
        return get(name);
    }

    private String get(String name) {
        String v = values.get(name);
        if (v == null) throw new IllegalArgumentException("undeclared parameter " + name);
        return v;
    }

    @Override
    public String toString() {
        return values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
