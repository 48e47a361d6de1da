package dev.vmalab.reports.verdict;

/** What the lab can say about a strategy's correctness, from its hunts and its replays. */
public enum Correctness {
    /** A hunt with strict grace periods ran on every trace of the folder and nothing was caught anywhere. */
    CORRECT("correct (hunt clean)"),
    /** A violation was seen: in the hunt, in a measured replay (summary.csv counts), in the matrix or a paired retry. */
    CAUGHT("INCORRECT (violations)"),
    /** Declared known-incorrect (the pre-fix code) and the hunt did not catch it: never called correct. */
    KNOWN_INCORRECT("INCORRECT (known; the hunt missed it)"),
    /** No hunt, or a hunt that did not cover every trace: correctness not established. */
    NOT_ESTABLISHED("correctness not established (no hunt)");

    private final String text;

    Correctness(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
