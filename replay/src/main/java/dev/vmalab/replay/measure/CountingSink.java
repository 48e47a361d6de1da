package dev.vmalab.replay.measure;

import dev.vmalab.model.check.Violation;
import dev.vmalab.model.check.ViolationKind;
import dev.vmalab.model.check.ViolationSink;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Counts every violation by kind and keeps the first {@code keep} of them (a broken
 * strategy under amplification can fail on every retry; the counts stay exact).
 */
public final class CountingSink implements ViolationSink {
    private final int keep;
    private final Consumer<Violation> onEach;
    private final long[] counts = new long[ViolationKind.values().length];
    private final List<Violation> kept = new ArrayList<>();

    public CountingSink(int keep, Consumer<Violation> onEach) {
        this.keep = keep;
        this.onEach = onEach;
    }

    @Override
    public void report(Violation v) {
        synchronized (this) {
            counts[v.kind().ordinal()]++;
            if (kept.size() < keep) kept.add(v);
        }
        onEach.accept(v);
    }

    public synchronized Map<ViolationKind, Long> counts() {
        Map<ViolationKind, Long> m = new EnumMap<>(ViolationKind.class);
        for (ViolationKind k : ViolationKind.values()) m.put(k, counts[k.ordinal()]);
        return m;
    }

    public synchronized List<Violation> kept() {
        return List.copyOf(kept);
    }

    public synchronized long total() {
        long n = 0;
        for (long c : counts) n += c;
        return n;
    }
}
