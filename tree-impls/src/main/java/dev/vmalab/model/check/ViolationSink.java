package dev.vmalab.model.check;

/** Where violations go; replay collects them per run. Must be thread-safe. */
@FunctionalInterface
public interface ViolationSink {
    void report(Violation violation);

    /** Throws: for tests that want the first violation to stop everything. */
    ViolationSink THROW = v -> {
        throw new ViolationError(v);
    };
}
