package dev.vmalab.bench;

import dev.vmalab.model.check.Violation;
import dev.vmalab.model.check.ViolationKind;
import dev.vmalab.model.check.ViolationSink;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts violations by kind instead of throwing: benchmarks that race a writer against no-reset must go on. */
final class ViolationCounter implements ViolationSink {
    private final Map<ViolationKind, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void report(Violation violation) {
        counts.computeIfAbsent(violation.kind(), _ -> new LongAdder()).increment();
    }

    long count() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** {USE_AFTER_FREE=1, ...} */
    String describe() {
        Map<ViolationKind, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.sum()));
        return m.toString();
    }
}
