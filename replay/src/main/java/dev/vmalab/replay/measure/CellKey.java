package dev.vmalab.replay.measure;

/** What one row of summary.csv measures: a trace replayed with a strategy at a thread count, in one run. */
public record CellKey(String trace, String strategy, int threads, int run) {
    /** {@code <trace>__<strategy>__t<threads>__r<run>}: the histogram file's name without extension. */
    public String fileStem() {
        return trace + "__" + strategy + "__t" + threads + "__r" + run;
    }
}
