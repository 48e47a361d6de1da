package dev.vmalab.traces.perf;

/** How the importer treats bad input: stop with an error naming file and line, or ({@code lenient}) skip and count it. */
public record ImportOptions(boolean lenient) {
    public static final ImportOptions STRICT = new ImportOptions(false);
    public static final ImportOptions LENIENT = new ImportOptions(true);
}
