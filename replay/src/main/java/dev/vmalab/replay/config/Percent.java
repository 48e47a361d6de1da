package dev.vmalab.replay.config;

/** Shares written as on the command line: "10%" or "0.1". */
public final class Percent {
    private Percent() {}

    public static double parse(String text) {
        String t = text.strip();
        try {
            if (t.endsWith("%")) return Double.parseDouble(t.substring(0, t.length() - 1)) / 100;
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a share; write e.g. 10% or 0.1");
        }
    }

    public static String format(double share) {
        double pct = share * 100;
        return (pct == Math.rint(pct) ? Long.toString((long) pct) : Double.toString(pct)) + "%";
    }
}
