package dev.vmalab.traces.format;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a lenient read left out: the rows (or perf lines) skipped, counted by reason, and where a
 * damaged input ended (the first line that could not be read whole; 0 when it was read to its end).
 * A strict read never fills it: it stops at the first such row with FILE:LINE: reason.
 */
public final class Skips {
    private final Map<String, Long> byReason = new TreeMap<>();
    private long endedAtLine;
    private String endReason = "";

    public synchronized void skip(String reason) {
        skip(reason, 1);
    }

    public synchronized void skip(String reason, long count) {
        if (count > 0) byReason.merge(reason, count, Long::sum);
    }

    /** The input broke at {@code line} (the lines before it were read). */
    public synchronized void ended(long line, String reason) {
        endedAtLine = line;
        endReason = reason;
    }

    public synchronized Map<String, Long> byReason() {
        return Map.copyOf(byReason);
    }

    public synchronized long total() {
        return byReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized long endedAtLine() {
        return endedAtLine;
    }

    public synchronized String endReason() {
        return endReason;
    }

    /** Nothing skipped and the input read to its end. */
    public synchronized boolean isEmpty() {
        return byReason.isEmpty() && endedAtLine == 0;
    }

    /** {@code time goes backwards=2;unknown event=1}: the counts by reason as one CSV cell (empty when none). */
    public synchronized String reasons() {
        return byReason.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    /** One line for the user: {@code 3 skipped (time goes backwards: 2, unknown event: 1); input ended at line 9 (...)}. */
    public synchronized String format() {
        StringBuilder b = new StringBuilder();
        b.append(total()).append(" skipped");
        if (!byReason.isEmpty()) {
            b.append(" (").append(byReason.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(", "))).append(')');
        }
        if (endedAtLine > 0) b.append("; input ended at line ").append(endedAtLine).append(" (").append(endReason).append(')');
        return b.toString();
    }
}
