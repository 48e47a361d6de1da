package dev.vmalab.replay.paired;

import dev.vmalab.replay.config.Percent;
import java.util.ArrayList;
import java.util.List;

/**
 * How a replay accounts for retries: paired evaluation of each -EAGAIN (on unless
 * --no-paired) and the contention sweep's targets (--contention; empty = no sweep, one set
 * of cells at the trace's own contention).
 *
 * @param contention target -EAGAIN rates as fractions of lookups, one set of cells each
 */
public record RetryAccounting(boolean paired, List<Double> contention) {
    public static final RetryAccounting DEFAULT = new RetryAccounting(true, List.of());

    public RetryAccounting {
        contention = List.copyOf(contention);
        for (double c : contention) {
            if (c < 0 || c > 0.5) throw new IllegalArgumentException("--contention targets must be 0% to 50%, got " + Percent.format(c));
        }
    }

    /** The targets to make cells for: {0} without a sweep. */
    public List<Double> targets() {
        return contention.isEmpty() ? List.of(0.0) : contention;
    }

    /** The sweep's targets above 0 only, as their own accounting; null when there are none. */
    public RetryAccounting sweepOnly() {
        List<Double> above = targets().stream().filter(t -> t > 0).toList();
        return above.isEmpty() ? null : new RetryAccounting(paired, above);
    }

    /** The options that give this to a forked cell JVM. */
    public List<String> args() {
        List<String> a = new ArrayList<>();
        if (!paired) a.add("--no-paired");
        if (!contention.isEmpty()) {
            a.add("--contention");
            a.add(String.join(",", contention.stream().map(RetryAccounting::format).toList()));
        }
        return a;
    }

    /** A target as contention_target writes it: a plain decimal fraction ("0", "0.0001", "0.1"). */
    public static String fraction(double target) {
        return java.math.BigDecimal.valueOf(target).stripTrailingZeros().toPlainString();
    }

    /** A target as the command line writes it. */
    public static String format(double fraction) {
        double pct = Math.round(fraction * 100 * 1e6) / 1e6;
        return java.math.BigDecimal.valueOf(pct).stripTrailingZeros().toPlainString() + "%";
    }
}
