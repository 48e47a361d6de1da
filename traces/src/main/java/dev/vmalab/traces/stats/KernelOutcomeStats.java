package dev.vmalab.traces.stats;

import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.KernelFaultOutcome;
import dev.vmalab.traces.event.MmapLockWriter;
import dev.vmalab.traces.event.TraceEvent;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recording kernel's own fault-path rates, from the faults' {@link KernelFaultOutcome}s (a trace recorded
 * with the mmap_lock tracepoints), per thread and in total, and the mapping syscalls' mmap_lock write-hold
 * times. In vmstat's terms: per-VMA success = PER_VMA + ANON_TRYLOCK_TAKEN (VMA_LOCK_SUCCESS), anon_vma retries =
 * ANON_RETRY (VMA_LOCK_RETRY), fallbacks = LOCK_MM_FALLBACK (lock_vma_under_rcu gave up: ABORT/MISS).
 */
public final class KernelOutcomeStats {
    /** Outcome counts of one thread (or all). */
    public static final class Outcomes {
        private final Map<KernelFaultOutcome, Long> counts = new EnumMap<>(KernelFaultOutcome.class);

        void add(KernelFaultOutcome o) {
            counts.merge(o, 1L, Long::sum);
        }

        public long of(KernelFaultOutcome o) {
            return counts.getOrDefault(o, 0L);
        }

        /** Faults with a known outcome. */
        public long known() {
            return counts.entrySet().stream().filter(e -> e.getKey() != KernelFaultOutcome.UNKNOWN)
                    .mapToLong(Map.Entry::getValue).sum();
        }

        /** Served under the per-VMA lock (VMA_LOCK_SUCCESS), anon_vma trylock taken or not needed. */
        public long perVmaSuccess() {
            return of(KernelFaultOutcome.PER_VMA) + of(KernelFaultOutcome.ANON_TRYLOCK_TAKEN);
        }

        /** Served under mmap_lock: lock_vma_under_rcu gave up, or the anon_vma trylock failed. */
        public long leftPerVmaPath() {
            return of(KernelFaultOutcome.LOCK_MM_FALLBACK) + of(KernelFaultOutcome.ANON_RETRY);
        }
    }

    private final Map<TraceStats.ThreadKey, Outcomes> byThread = new TreeMap<>();
    private final Outcomes total = new Outcomes();
    private long writers;
    private long writersWithHold;
    private long holdTotalNs;
    private long holdMaxNs;

    void accept(TraceEvent e) {
        if (e instanceof FaultEvent f) {
            total.add(f.kernelOutcome());
            byThread.computeIfAbsent(new TraceStats.ThreadKey(f.pid(), f.tid()), k -> new Outcomes())
                    .add(f.kernelOutcome());
        } else if (e instanceof MmapLockWriter w) {
            writers++;
            if (w.mmapLockHoldNs() != MmapLockWriter.UNKNOWN_HOLD) {
                writersWithHold++;
                holdTotalNs += w.mmapLockHoldNs();
                holdMaxNs = Math.max(holdMaxNs, w.mmapLockHoldNs());
            }
        }
    }

    public Outcomes total() {
        return total;
    }

    public Map<TraceStats.ThreadKey, Outcomes> byThread() {
        return Map.copyOf(byThread);
    }

    public long holdTotalNs() {
        return holdTotalNs;
    }

    /** The section {@code trace stats} prints; one line when the trace has no kernel outcomes. */
    public String format() {
        StringBuilder b = new StringBuilder("\nkernel fault outcomes (mmap_lock tracepoints of the recording)\n");
        if (total.known() == 0) {
            return b.append("  none: the trace was not recorded with the mmap_lock tracepoints\n").toString();
        }
        b.append(String.format("%8s %8s %9s %9s %9s %9s %9s %9s %9s %9s%n", "pid", "tid", "faults", "per_vma",
                "anon_take", "anon_rtry", "lock_mm", "per_vma%", "retry%", "fallbk%"));
        byThread.forEach((k, o) -> row(b, Integer.toString(k.pid()), Integer.toString(k.tid()), o));
        row(b, "all", "", total);
        b.append(String.format("mmap_lock write holds: %d of %d mapping syscalls timed, %.3f ms in all, "
                        + "mean %.1f us, max %.1f us%n", writersWithHold, writers, holdTotalNs / 1e6,
                writersWithHold == 0 ? 0 : holdTotalNs / 1e3 / writersWithHold, holdMaxNs / 1e3));
        return b.toString();
    }

    private static void row(StringBuilder b, String pid, String tid, Outcomes o) {
        long n = o.known();
        b.append(String.format("%8s %8s %9d %9d %9d %9d %9d %9.3f %9.3f %9.3f%n", pid, tid, n,
                o.of(KernelFaultOutcome.PER_VMA), o.of(KernelFaultOutcome.ANON_TRYLOCK_TAKEN),
                o.of(KernelFaultOutcome.ANON_RETRY), o.of(KernelFaultOutcome.LOCK_MM_FALLBACK),
                pct(o.perVmaSuccess(), n), pct(o.of(KernelFaultOutcome.ANON_RETRY), n),
                pct(o.of(KernelFaultOutcome.LOCK_MM_FALLBACK), n)));
    }

    private static double pct(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
