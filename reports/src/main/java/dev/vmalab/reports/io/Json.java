package dev.vmalab.reports.io;

import java.util.Collection;
import java.util.Map;

/**
 * A minimal JSON writer for the report's data files: maps (key order kept), collections, strings,
 * numbers, booleans and null. Non-finite numbers become null, since JSON has no NaN.
 */
public final class Json {
    private Json() {}

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, 0);
        return out.append('\n').toString();
    }

    private static void append(StringBuilder out, Object v, int depth) {
        switch (v) {
            case null -> out.append("null");
            case String s -> string(out, s);
            case Boolean b -> out.append(b);
            case Double d -> number(out, d);
            case Float f -> number(out, f.doubleValue());
            case Number n -> out.append(n);
            case Map<?, ?> m -> {
                out.append('{');
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.append(i++ == 0 ? "" : ",").append('\n').append("  ".repeat(depth + 1));
                    string(out, String.valueOf(e.getKey()));
                    out.append(": ");
                    append(out, e.getValue(), depth + 1);
                }
                out.append(m.isEmpty() ? "" : "\n" + "  ".repeat(depth)).append('}');
            }
            case Collection<?> c -> {
                out.append('[');
                int i = 0;
                boolean scalars = c.stream().noneMatch(x -> x instanceof Map<?, ?> || x instanceof Collection<?>);
                for (Object x : c) {
                    if (i++ > 0) out.append(scalars ? ", " : ",");
                    if (!scalars) out.append('\n').append("  ".repeat(depth + 1));
                    append(out, x, depth + 1);
                }
                out.append(!scalars && !c.isEmpty() ? "\n" + "  ".repeat(depth) : "").append(']');
            }
            case double[] a -> {
                out.append('[');
                for (int i = 0; i < a.length; i++) {
                    if (i > 0) out.append(", ");
                    number(out, a[i]);
                }
                out.append(']');
            }
            default -> string(out, v.toString());
        }
    }

    private static void number(StringBuilder out, double d) {
        if (!Double.isFinite(d)) out.append("null");
        else if (d == Math.rint(d) && Math.abs(d) < 1e15) out.append((long) d);
        else out.append(d);
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
