package dev.vmalab.reports.metrics;

/** How a sample compares with a baseline on one metric, after the across-run test. */
public enum Judgement {
    BETTER("better"),
    WORSE("worse"),
    INDISTINGUISHABLE("indistinguishable"),
    TOO_FEW_RUNS("too few runs");

    private final String text;

    Judgement(String text) {
        this.text = text;
    }

    public boolean significant() {
        return this == BETTER || this == WORSE;
    }

    @Override
    public String toString() {
        return text;
    }
}
