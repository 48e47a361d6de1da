package dev.vmalab.reports.html;

import java.util.Locale;

/** Number formatting for people: few significant digits, thousands grouped, signs on changes. */
public final class Fmt {
    private Fmt() {}

    public static String num(double v) {
        if (!Double.isFinite(v)) return "n/a";
        double a = Math.abs(v);
        if (a >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 100) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 1 || a == 0) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    public static String signed(double v) {
        if (!Double.isFinite(v)) return "n/a";
        return (v > 0 ? "+" : "") + num(v);
    }

    public static String percentChange(double v) {
        if (!Double.isFinite(v)) return "n/a";
        return String.format(Locale.ROOT, "%+.1f%%", v);
    }

    public static String pValue(double p) {
        if (!Double.isFinite(p)) return "n/a";
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }
}
