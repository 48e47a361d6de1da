package dev.vmalab.bench;

import dev.vmalab.model.check.Violation;
import dev.vmalab.model.check.ViolationSink;
import java.util.concurrent.atomic.LongAdder;

/** Counts violations instead of throwing: benchmarks that race a writer against no-reset must go on. */
final class ViolationCounter implements ViolationSink {
    private final LongAdder count = new LongAdder();

    @Override
    public void report(Violation violation) {
        count.increment();
    }

    long count() {
        return count.sum();
    }
}
