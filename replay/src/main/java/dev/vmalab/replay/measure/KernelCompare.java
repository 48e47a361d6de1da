package dev.vmalab.replay.measure;

import dev.vmalab.model.lookup.FaultOutcome;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.KernelFaultOutcome;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model's outcome of each replayed fault next to what the recording kernel did (the trace's
 * {@link FaultEvent#kernelOutcome()}): counts in all, per trace thread, per slice of trace time and per
 * {@link DisagreementCause}, and the first {@link #DISAGREEMENTS_KEPT} faults where they disagree: one left
 * the per-VMA path (served under mmap_lock) and the other did not, or one gave the VMA an anon_vma on the
 * per-VMA path and the other did not. Faults of unknown kernel outcome are not counted. One per worker; the
 * cell merges them.
 */
public final class KernelCompare {
    public static final int DISAGREEMENTS_KEPT = 100;
    /** Slices of trace time for the "over time" rows. */
    public static final int TIME_SLICES = 10;

    // Count indexes: the kernel's four outcomes, then the model's; then subsets of them.
    public static final int K_PER_VMA = 0, K_ANON_TAKEN = 1, K_ANON_RETRY = 2, K_FALLBACK = 3,
            M_PER_VMA = 4, M_FALLBACK = 5, M_ANON_RETRY = 6, M_SEGV = 7,
            /** Of M_PER_VMA: the model's taken anon_vma trylocks (ANON_TRYLOCK). */
            M_ANON_TAKEN = 8,
            /** Of M_FALLBACK: the model's vmf_can_call_fault() retries (SPECIAL_RETRY; deterministic). */
            M_SPECIAL_RETRY = 9,
            /** Of K_ANON_RETRY + K_FALLBACK: faults the kernel served under mmap_lock in a VMA without ->map_pages. */
            K_SPECIAL = 10,
            SIZE = 11;

    /** One fault where the model and the kernel disagree, with its cause and what the model knows of it. */
    public record Disagreement(long timeNs, int tid, long address, KernelFaultOutcome kernel, String model,
                               DisagreementCause cause, String detail) {}

    private final long traceStartNs;
    private final long sliceNs;
    private final String pace;
    private final WriterHolds holds;
    private final long[] total = new long[SIZE];
    private final Map<Integer, long[]> byThread = new TreeMap<>();
    private final Map<Integer, long[]> bySlice = new TreeMap<>();
    private final Map<DisagreementCause, long[]> byCause = new EnumMap<>(DisagreementCause.class);
    private final List<Disagreement> disagreements = new ArrayList<>();
    private long disagreementCount;

    /**
     * @param traceStartNs the trace's first event time, {@code traceEndNs} its last (for the time slices)
     * @param pace         the replay's pace ({@code fast}, {@code real}, a factor): outcomes that hang on
     *                     timing compare only at the trace's own pace
     * @param holds        the trace's recorded mmap_lock write holds (names the writer a kernel fallback met)
     */
    public KernelCompare(long traceStartNs, long traceEndNs, String pace, WriterHolds holds) {
        this.traceStartNs = traceStartNs;
        this.pace = pace;
        this.holds = holds;
        this.sliceNs = Math.max(1, (traceEndNs - traceStartNs + TIME_SLICES) / TIME_SLICES);
    }

    public KernelCompare(long traceStartNs, long traceEndNs, String pace) {
        this(traceStartNs, traceEndNs, pace, WriterHolds.none());
    }

    public static KernelCompare empty() {
        return new KernelCompare(0, 0, "");
    }

    /** One replayed fault where the model met an ordinary VMA and prepared no anon_vma (a SIGSEGV per-VMA). */
    public void record(FaultEvent f, FaultOutcome model) {
        record(f, model, model == FaultOutcome.SPECIAL_RETRY,
                model == FaultOutcome.ANON_TRYLOCK || model == FaultOutcome.ANON_RETRY, false);
    }

    public void record(FaultEvent f, FaultOutcome model, boolean noMapPages, boolean anonPrepared) {
        record(f, model, noMapPages, anonPrepared, false);
    }

    /**
     * One replayed fault and what the model's fault path did with it.
     *
     * @param noMapPages   the model's VMA for the fault has no ->map_pages (a special mapping), on either path
     * @param anonPrepared the model gave the VMA an anon_vma for this fault, on either path
     * @param segvFellBack a SIGSEGV found under mmap_lock (no VMA: lock_vma_under_rcu() found none, as the
     *                     kernel's does): counted as a fallback, not apart
     */
    public void record(FaultEvent f, FaultOutcome model, boolean noMapPages, boolean anonPrepared,
                       boolean segvFellBack) {
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
            case FALLBACK, SPECIAL_RETRY -> M_FALLBACK;
            case SEGV -> segvFellBack ? M_FALLBACK : M_SEGV;
        };
        boolean modelLeft = modelIndex == M_FALLBACK || modelIndex == M_ANON_RETRY;
        DisagreementCause cause = null;
        String detail = "";
        if (model == FaultOutcome.SEGV && segvFellBack && !k.leftPerVmaPath()) {
            cause = DisagreementCause.MODEL_LACKS_MAPPING;
            detail = "the model has no VMA here at this point of its replay (SIGSEGV); the kernel served it per-VMA";
        } else if (model != FaultOutcome.SEGV) {
            // The kernel's anon_vma need is known when it did not fall back before reaching the fault handler.
            boolean kernelAnonKnown = k != KernelFaultOutcome.LOCK_MM_FALLBACK;
            boolean kernelAnon = k == KernelFaultOutcome.ANON_TRYLOCK_TAKEN || k == KernelFaultOutcome.ANON_RETRY;
            boolean pathDiffers = modelLeft != k.leftPerVmaPath();
            if ((pathDiffers || (kernelAnonKnown && kernelAnon != anonPrepared)) && noMapPages) {
                cause = DisagreementCause.SPECIAL_MAPPING;
            } else if (kernelAnonKnown && kernelAnon != anonPrepared) {
                cause = DisagreementCause.ANON_VMA_NEED_DIFFERS;
                detail = kernelAnon ? "the kernel prepared an anon_vma; the model's VMA had one or the fault needed none"
                        : "the model prepared an anon_vma; the kernel's VMA had one or the fault needed none";
            } else if (pathDiffers && k.leftPerVmaPath()) {
                WriterHolds.Hold h = holds.covering(f.pid(), f.tid(), f.timeNs());
                WriterHolds.Hold queued = h != null ? null : holds.waiting(f.pid(), f.tid(), f.timeNs());
                if (queued != null) h = queued;
                WriterHolds.Hold maybe = h != null ? null : holds.mayCover(f.pid(), f.tid(), f.timeNs());
                cause = queued != null ? DisagreementCause.WRITER_WAITING : h != null ? DisagreementCause.WRITER_OVERLAP
                        : maybe != null ? DisagreementCause.WRITER_MAY_OVERLAP : DisagreementCause.NO_WRITER_OVERLAP;
                if (h != null || maybe != null) {
                    detail = (h != null ? h : maybe).describe(f.timeNs());
                } else {
                    WriterHolds.Hold near = holds.nearest(f.pid(), f.tid(), f.timeNs());
                    detail = near == null ? "no writer hold recorded in this process"
                            : "nearest recorded hold: " + near.describe(f.timeNs());
                }
            } else if (pathDiffers) {
                cause = DisagreementCause.MODEL_ONLY_CONTENTION;
                WriterHolds.Hold h = holds.covering(f.pid(), f.tid(), f.timeNs());
                if (h != null) detail = "a recorded writer overlapped too: " + h.describe(f.timeNs());
            }
        }
        long[] thread = byThread.computeIfAbsent(f.tid(), t -> new long[SIZE]);
        long[] slice = bySlice.computeIfAbsent((int) Math.min(TIME_SLICES - 1,
                Math.max(0, (f.timeNs() - traceStartNs) / sliceNs)), s -> new long[SIZE]);
        List<long[]> into = cause == null ? List.of(total, thread, slice)
                : List.of(total, thread, slice, byCause.computeIfAbsent(cause, c -> new long[SIZE]));
        for (long[] c : into) {
            c[kernelIndex]++;
            c[modelIndex]++;
            if (model == FaultOutcome.ANON_TRYLOCK) c[M_ANON_TAKEN]++;
            if (model == FaultOutcome.SPECIAL_RETRY) c[M_SPECIAL_RETRY]++;
            if (noMapPages && k.leftPerVmaPath()) c[K_SPECIAL]++;
        }
        if (cause != null) {
            disagreementCount++;
            if (disagreements.size() < DISAGREEMENTS_KEPT) {
                disagreements.add(new Disagreement(f.timeNs(), f.tid(), f.address(), k, modelName(model), cause,
                        detail));
            }
        }
    }

    /** The model's outcome in the kernel_outcome vocabulary (lower case, as kernel-disagreements.csv has it). */
    static String modelName(FaultOutcome model) {
        return switch (model) {
            case PER_VMA -> "per_vma";
            case ANON_TRYLOCK -> "anon_trylock_taken";
            case ANON_RETRY -> "anon_retry";
            case FALLBACK -> "lock_mm_fallback";
            case SPECIAL_RETRY -> "special_retry";
            case SEGV -> "segv";
        };
    }

    /** Adds {@code o} (another worker of the same cell). */
    public void add(KernelCompare o) {
        addInto(total, o.total);
        o.byThread.forEach((k, v) -> addInto(byThread.computeIfAbsent(k, x -> new long[SIZE]), v));
        o.bySlice.forEach((k, v) -> addInto(bySlice.computeIfAbsent(k, x -> new long[SIZE]), v));
        o.byCause.forEach((k, v) -> addInto(byCause.computeIfAbsent(k, x -> new long[SIZE]), v));
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

    /** The disagreeing faults' counts by cause (exact, not only the kept ones). */
    public Map<DisagreementCause, long[]> byCause() {
        return byCause;
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
