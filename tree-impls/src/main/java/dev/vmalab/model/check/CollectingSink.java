package dev.vmalab.model.check;

import java.util.ArrayList;
import java.util.List;

/** Keeps every violation, in order; thread-safe. */
public final class CollectingSink implements ViolationSink {
    private final List<Violation> violations = new ArrayList<>();

    @Override
    public synchronized void report(Violation violation) {
        violations.add(violation);
    }

    public synchronized List<Violation> violations() {
        return List.copyOf(violations);
    }

    public synchronized long count(ViolationKind kind) {
        return violations.stream().filter(v -> v.kind() == kind).count();
    }

    public synchronized void clear() {
        violations.clear();
    }
}
