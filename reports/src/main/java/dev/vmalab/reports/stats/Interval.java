package dev.vmalab.reports.stats;

/** A two-sided confidence interval [low, high] around a point estimate. */
public record Interval(double estimate, double low, double high) {
    public boolean includesZero() {
        return low <= 0 && high >= 0;
    }
}
