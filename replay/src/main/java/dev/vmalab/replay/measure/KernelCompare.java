package dev.vmalab.replay.measure;

import dev.vmalab.model.lookup.FaultOutcome;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.KernelFaultOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model's outcome of each replayed fault next to what the recording kernel did (the trace's
 * {@link FaultEvent#kernelOutcome()}): counts in all, per trace thread and per slice of trace time, and the
 * first {@link #DISAGREEMENTS_KEPT} faults where one left the per-VMA path (served under mmap_lock) and the
 * other did not. Faults of unknown kernel outcome are not counted. One per worker; the cell merges them.
 */
public final class KernelCompare {
    public static final int DISAGREEMENTS_KEPT = 100;
    /** Slices of trace time for the "over time" rows. */
    public static final int TIME_SLICES = 10;

    // Count indexes: the kernel's four outcomes, then the model's.
    public static final int K_PER_VMA = 0, K_ANON_TAKEN = 1, K_ANON_RETRY = 2, K_FALLBACK = 3,
            M_PER_VMA = 4, M_FALLBACK = 5, M_ANON_RETRY = 6, M_SEGV = 7, SIZE = 8;

    /** One fault where the model and the kernel disagree on leaving the per-VMA path. */
    public record Disagreement(long timeNs, int tid, long address, KernelFaultOutcome kernel, String model) {}

    private final long traceStartNs;
    private final long sliceNs;
    private final String pace;
    private final long[] total = new long[SIZE];
    private final Map<Integer, long[]> byThread = new TreeMap<>();
    private final Map<Integer, long[]> bySlice = new TreeMap<>();
    private final List<Disagreement> disagreements = new ArrayList<>();
    private long disagreementCount;

    /**
     * @param traceStartNs the trace's first event time, {@code traceEndNs} its last (for the time slices)
     * @param pace         the replay's pace ({@code fast}, {@code real}, a factor): outcomes that hang on
     *                     timing compare only at the trace's own pace
     */
    public KernelCompare(long traceStartNs, long traceEndNs, String pace) {
        this.traceStartNs = traceStartNs;
        this.pace = pace;
        this.sliceNs = Math.max(1, (traceEndNs - traceStartNs + TIME_SLICES) / TIME_SLICES);
    }

    public static KernelCompare empty() {
        return new KernelCompare(0, 0, "");
    }

    /**
     * One replayed fault and what the model's fault path did with it.
     */
    public void record(FaultEvent f, FaultOutcome model) {
        KernelFaultOutcome k = f.kernelOutcome();
        if (k == KernelFaultOutcome.UNKNOWN) return;
        int kernelIndex = switch (k) {
            case PER_VMA -> K_PER_VMA;
            case ANON_TRYLOCK_TAKEN -> K_ANON_TAKEN;
            case ANON_RETRY -> K_ANON_RETRY;
            case LOCK_MM_FALLBACK -> K_FALLBACK;
            case UNKNOWN -> throw new IllegalStateException();
        };
        // A taken anon_vma trylock stays on the per-VMA path; SEGV (a mapping the model lacks) is counted apart.
        int modelIndex = switch (model) {
            case PER_VMA, ANON_TRYLOCK -> M_PER_VMA;
            case ANON_RETRY -> M_ANON_RETRY;
            case FALLBACK -> M_FALLBACK;
            case SEGV -> M_SEGV;
        };
        long[] thread = byThread.computeIfAbsent(f.tid(), t -> new long[SIZE]);
        long[] slice = bySlice.computeIfAbsent((int) Math.min(TIME_SLICES - 1,
                Math.max(0, (f.timeNs() - traceStartNs) / sliceNs)), s -> new long[SIZE]);
        for (long[] c : List.of(total, thread, slice)) {
            c[kernelIndex]++;
            c[modelIndex]++;
        }
        boolean modelLeft = modelIndex == M_FALLBACK || modelIndex == M_ANON_RETRY;
        if (model != FaultOutcome.SEGV && modelLeft != k.leftPerVmaPath()) {
            disagreementCount++;
            if (disagreements.size() < DISAGREEMENTS_KEPT) {
                String m = modelIndex == M_ANON_RETRY ? "anon_retry" : modelLeft ? "lock_mm_fallback" : "per_vma";
                disagreements.add(new Disagreement(f.timeNs(), f.tid(), f.address(), k, m));
            }
        }
    }

    /** Adds {@code o} (another worker of the same cell). */
    public void add(KernelCompare o) {
        addInto(total, o.total);
        o.byThread.forEach((k, v) -> addInto(byThread.computeIfAbsent(k, x -> new long[SIZE]), v));
        o.bySlice.forEach((k, v) -> addInto(bySlice.computeIfAbsent(k, x -> new long[SIZE]), v));
        for (Disagreement d : o.disagreements) {
            if (disagreements.size() < DISAGREEMENTS_KEPT) disagreements.add(d);
        }
        disagreementCount += o.disagreementCount;
    }

    private static void addInto(long[] a, long[] b) {
        for (int i = 0; i < SIZE; i++) a[i] += b[i];
    }

    /** Faults with a known kernel outcome. */
    public long faults() {
        return total[K_PER_VMA] + total[K_ANON_TAKEN] + total[K_ANON_RETRY] + total[K_FALLBACK];
    }

    public long[] total() {
        return total.clone();
    }

    public Map<Integer, long[]> byThread() {
        return byThread;
    }

    /** Slice index to counts; slice i starts {@code i * sliceNs()} after the trace's first event. */
    public Map<Integer, long[]> bySlice() {
        return bySlice;
    }

    public String pace() {
        return pace;
    }

    public long sliceNs() {
        return sliceNs;
    }

    public List<Disagreement> disagreements() {
        return List.copyOf(disagreements);
    }

    public long disagreementCount() {
        return disagreementCount;
    }
}
