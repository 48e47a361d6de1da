package dev.vmalab.replay.measure;

import dev.vmalab.model.check.Violation;
import dev.vmalab.model.check.ViolationKind;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Everything one cell measured.
 *
 * @param lookupsByRetries index = walk retries in one lookup, value = measured lookups that needed that many
 * @param violations       the first violations (with their repro), counts in {@code violationCounts}
 * @param wallMs           wall time of the measured part (after warm-up)
 */
public record CellResult(CellKey key, long seed, LockCounters counters, Histogram latency, long nodesRead,
                         long[] lookupsByRetries, Map<ViolationKind, Long> violationCounts,
                         List<Violation> violations, String repro, double wallMs, long startEpochMs,
                         List<WorkerRow> workers, KernelCompare kernel) {

    /** A result with no kernel comparison (stress runs: no trace). */
    public CellResult(CellKey key, long seed, LockCounters counters, Histogram latency, long nodesRead,
                      long[] lookupsByRetries, Map<ViolationKind, Long> violationCounts, List<Violation> violations,
                      String repro, double wallMs, long startEpochMs, List<WorkerRow> workers) {
        this(key, seed, counters, latency, nodesRead, lookupsByRetries, violationCounts, violations, repro, wallMs,
                startEpochMs, workers, KernelCompare.empty());
    }

    public long violationTotal() {
        return violationCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** This result with the violations {@code earlier} (an unmeasured pass of the same cell) caught added: none is lost. */
    public CellResult plusViolationsOf(CellResult earlier) {
        if (earlier.violationTotal() == 0) return this;
        Map<ViolationKind, Long> counts = new java.util.EnumMap<>(ViolationKind.class);
        counts.putAll(violationCounts);
        earlier.violationCounts.forEach((k, v) -> counts.merge(k, v, Long::sum));
        List<Violation> kept = new java.util.ArrayList<>(earlier.violations);
        kept.addAll(violations);
        return new CellResult(key, seed, counters, latency, nodesRead, lookupsByRetries, counts, kept, repro, wallMs,
                startEpochMs, workers, kernel);
    }

    public double nodesPerLookup() {
        return counters.lookups() == 0 ? 0 : (double) nodesRead / counters.lookups();
    }
}
