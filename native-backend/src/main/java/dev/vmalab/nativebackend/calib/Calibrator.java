package dev.vmalab.nativebackend.calib;

import dev.vmalab.nativebackend.build.NativeBuildException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code vmalab calibrate}: measures the running kernel's unit costs (docs/calibration.md) and
 * returns them as the calibration file's entries. Each part that cannot run here (no gcc, no
 * kernel source for the maple library, no tracefs or mmap_lock tracepoints) is reported in one
 * line through {@code note} and left out; the rest goes on.
 */
public final class Calibrator {
    /** Sizes of one calibration (the defaults finish in a few seconds on 2 busy cores). */
    public record Sizes(int pages, int vmas, int rounds, int tracedVmas, int tracedRounds, int walkVmas,
                        int walkIterations, int walkRounds) {
        public static Sizes defaults() {
            return new Sizes(16384, 4096, 7, 2048, 4, 1000, 2_000_000, 7);
        }
    }

    private final CalibrationPrograms programs;
    private final Sizes sizes;
    private final Consumer<String> note;
    /** Where tracefs is (tests point it at a folder without one). */
    Path tracefs = MmapLockTracing.TRACEFS;

    public Calibrator(CalibrationPrograms programs, Sizes sizes, Consumer<String> note) {
        this.programs = programs;
        this.sizes = sizes;
        this.note = note;
    }

    /** Keys and values for the calibration file, in order (see {@link CalibrationFile}). */
    public Map<String, String> run() {
        Map<String, String> out = new LinkedHashMap<>();
        walks(out);
        faults(out);
        return out;
    }

    private void walks(Map<String, String> out) {
        TimingRun w;
        try {
            w = TimingRun.run(List.of(programs.walkTiming().toString(), Integer.toString(sizes.walkVmas()),
                    Integer.toString(sizes.walkIterations()), Integer.toString(sizes.walkRounds())), null, 120);
        } catch (NativeBuildException | IOException e) {
            note.accept("maple walk not timed: " + firstLine(e.getMessage()));
            return;
        }
        int height = Integer.parseInt(w.values().getOrDefault("height", "0"));
        double root = w.median("set"), reset = w.median("reset"), resumed = w.median("resumed");
        String how = "kernel lib/maple_tree.c (native backend, resume-active mas_walk, -O2) timed in C:"
                + " median of " + sizes.walkRounds() + " rounds of " + sizes.walkIterations() + " walks in a tree of "
                + sizes.walkVmas() + " VMAs (height " + height + ")";
        put(out, "walk_root_ns", root, how + "; mas_set(addr) + mas_walk(), addresses cycling over all VMAs");
        put(out, "walk_reset_ns", reset, how + "; mas_reset() + mas_walk() at one address (from the root, index kept)");
        put(out, "walk_resumed_ns", resumed, how + "; mas_walk() again on the active state (resumes at the cached leaf)");
        out.put("tree_height", Integer.toString(height));
        if (height > 1) {
            put(out, "node_read_ns", (reset - resumed) / (height - 1), "(walk_reset_ns - walk_resumed_ns) /"
                    + " (tree_height - 1): one more node level, the same index walked from the root vs resumed at its leaf");
        } else {
            note.accept("maple walk: the tree has one level, node_read_ns not derived");
        }
    }

    private void faults(Map<String, String> out) {
        TimingRun plain;
        String exe;
        try {
            exe = programs.faultTiming().toString();
            plain = TimingRun.run(List.of(exe, Integer.toString(sizes.pages()), Integer.toString(sizes.vmas()),
                    Integer.toString(sizes.rounds()), "per_vma,first_touch,other,self"), null, 300);
        } catch (NativeBuildException | IOException e) {
            note.accept("faults not timed: " + firstLine(e.getMessage()));
            return;
        }
        double perVma = plain.median("per_vma");
        String rounds = "median of " + sizes.rounds() + " rounds";
        put(out, "per_vma_fault_ns", perVma, rounds + " of " + sizes.pages() + " write faults on fresh pages of one"
                + " anonymous VMA that has its anon_vma (served under the per-VMA lock), loop cost subtracted");
        put(out, "anon_trylock_ns", plain.median("first_touch") - perVma, rounds + " of " + sizes.vmas()
                + " first-touch write faults, one per fresh VMA (mmap_read_trylock + __anon_vma_prepare), minus per_vma_fault_ns");
        double other = plain.median("other"), self = plain.median("self");
        put(out, "first_touch_other_writer_ns", other, rounds + "; first touch while another process loops mprotect()");
        put(out, "first_touch_own_writer_ns", self, rounds + "; first touch while a thread of ours loops mprotect()");

        var why = MmapLockTracing.unavailable(tracefs);
        if (why.isPresent()) {
            note.accept("mmap_lock tracing unavailable (" + why.get() + "): fallbacks not verified, abort_fallback_ns not measured");
            out.put("tracing", "unavailable: " + why.get());
            return;
        }
        MmapLockTraceCounts.Counts counts;
        TimingRun traced;
        long overruns;
        try {
            Traced t = traced(exe, sizes.pages(), sizes.tracedVmas(), sizes.tracedRounds());
            traced = t.run();
            counts = t.counts();
            overruns = t.overruns();
        } catch (IOException e) {
            note.accept("mmap_lock tracing failed (" + firstLine(e.getMessage()) + "): abort_fallback_ns not measured");
            out.put("tracing", "failed: " + firstLine(e.getMessage()));
            return;
        }
        MmapLockTraceCounts.Phase own = counts.phase("self");
        MmapLockTraceCounts.Phase ctl = counts.phase("other");
        long faults = (long) sizes.tracedVmas() * sizes.tracedRounds();
        out.put("tracing", "tracefs instance, mmap_lock_start_locking with stacktrace trigger + acquire_returned + released,"
                + " our faulting thread only; ring-buffer overruns " + overruns);
        out.put("traced_first_touch_faults", Long.toString(faults));
        out.put("traced_own_writer_anon_trylocks", Long.toString(own.anonTrylocks()));
        out.put("traced_own_writer_anon_trylock_failed", Long.toString(own.anonTrylockFailed()));
        out.put("traced_own_writer_fallbacks", Long.toString(own.fallbacks()));
        out.put("traced_other_writer_anon_trylock_failed", Long.toString(ctl.anonTrylockFailed()));
        out.put("traced_other_writer_fallbacks", Long.toString(ctl.fallbacks()));
        if (own.anonTrylocks() == 0) {
            note.accept("the tracepoints saw no anon_vma trylock of our faults: abort_fallback_ns not measured");
            return;
        }
        out.put("fallback_fraction", String.format(java.util.Locale.ROOT, "%.4f", (double) own.anonTrylockFailed() / faults));
        // Match each timed fault to its trylock's outcome (the k-th fault of a round made the k-th trylock):
        // fallbacks from the own-writer rounds, per-VMA faults (trylock taken) from the other-writer rounds.
        List<Long> fellBack = new ArrayList<>(), stayed = new ArrayList<>();
        int matched = 0;
        for (int r = 0; r < sizes.tracedRounds(); r++) {
            for (String phase : List.of("self", "other")) {
                long[] ns = traced.eachFault().get(phase + " " + r);
                List<Boolean> failed = counts.trylockFailedByRound().get(phase + " " + r);
                if (ns == null || failed == null || ns.length != failed.size()) continue;
                matched++;
                for (int i = 0; i < ns.length; i++) {
                    if (failed.get(i) && phase.equals("self")) fellBack.add(ns[i]);
                    else if (!failed.get(i) && phase.equals("other")) stayed.add(ns[i]);
                }
            }
        }
        out.put("traced_rounds_matched", matched + " of " + 2 * sizes.tracedRounds());
        if (fellBack.size() < MIN_FALLBACKS || stayed.isEmpty()) {
            note.accept("only " + fellBack.size() + " verified fallbacks (need " + MIN_FALLBACKS + "): abort_fallback_ns not measured");
            return;
        }
        double fb = medianOf(fellBack), ok = medianOf(stayed);
        put(out, "traced_fallback_fault_ns", fb, "median of the " + fellBack.size() + " traced first-touch faults whose"
                + " anon_vma trylock failed (VM_FAULT_RETRY, then lock_mm_and_find_vma), each timed alone");
        put(out, "traced_per_vma_fault_ns", ok, "median of the " + stayed.size() + " traced first-touch faults of the"
                + " other-writer rounds (trylock taken, served per-VMA; same tracing and CPU load)");
        put(out, "trace_overhead_ns", ok - plain.median("first_touch"), "traced_per_vma_fault_ns minus the untraced"
                + " first-touch fault (what tracing a fault's 3 mmap_lock events costs)");
        put(out, "abort_fallback_ns", fb - ok, "traced_fallback_fault_ns - traced_per_vma_fault_ns: the extra cost of a"
                + " fault that fell back to mmap_lock while a writer held it (the retry, the wait for the writer,"
                + " lock_mm_and_find_vma); fallbacks verified one by one by the tracepoints; an upper bound by the tracing"
                + " of the fallback's extra mmap_lock events");
    }

    /** A traced run of the fault timer's other-writer and own-writer phases, and what the tracepoints saw. */
    record Traced(TimingRun run, MmapLockTraceCounts.Counts counts, long overruns) {}

    /** Runs the "other,self" phases with our faulting thread traced (tracing must be {@link MmapLockTracing#unavailable() available}). */
    static Traced traced(String exe, int pages, int vmas, int rounds) throws IOException {
        try (MmapLockTracing tracing = MmapLockTracing.create()) {
            TimingRun run = TimingRun.run(List.of(exe, Integer.toString(pages), Integer.toString(vmas),
                    Integer.toString(rounds), "other,self", tracing.marker().toString()), tracing::start, 300);
            String text = tracing.stopAndRead();
            return new Traced(run, MmapLockTraceCounts.count(text, run.pid()), tracing.overruns());
        }
    }

    /** Fewer verified fallbacks than this and their median says little. */
    static final int MIN_FALLBACKS = 20;

    private static double medianOf(List<Long> xs) {
        long[] s = xs.stream().mapToLong(Long::longValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private static void put(Map<String, String> out, String key, double ns, String how) {
        out.put(key, String.format(java.util.Locale.ROOT, "%.1f", ns));
        out.put(key + ".how", how);
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

}
