package dev.vmalab.reports.verdict;

import java.util.List;

/**
 * Strategies whose retry did the same thing on every paired event and every matrix scenario
 * (same outcome, node reads, walks from the root, stale index and node, violation): equivalent in
 * effect. The verdict never ranks within a class on JVM time: the kernel would run the same walk.
 */
public record EquivalenceClass(String name, List<String> members) {
    public static EquivalenceClass of(List<String> members) {
        return new EquivalenceClass(String.join(" = ", members), List.copyOf(members));
    }
}
