package dev.vmalab.reports.html;

import dev.vmalab.reports.results.KernelCompareCsv;
import dev.vmalab.reports.results.RecordingKernel;
import dev.vmalab.reports.results.ResultFolder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Model against this kernel": for traces whose faults carry the recording kernel's outcome, the model's
 * rates next to the kernel's (kernel-compare.csv), in all, per trace thread and over time, with the faults
 * where they disagree (kernel-disagreements.csv) grouped by cause. A fault-path fallback rate (anon_vma retries +
 * lock_mm fallbacks), its deterministic part (special mappings) and its timing part, and the count of anon_vma
 * preparations on the per-VMA path, each more than {@link #DIVERGENCE} apart, relatively, are flagged.
 */
final class KernelSection {
    static final double DIVERGENCE = 0.10;
    static final int LISTED_DISAGREEMENTS = 20;
    /** Example faults shown per cause and cell. */
    static final int EXAMPLES = 3;

    private KernelSection() {}

    /** The built-in strategy the named kernel runs ({@link RecordingKernel}); null when none is. */
    static String strategyOf(String kernel) {
        return RecordingKernel.strategyOf(kernel);
    }

    static String html(ResultFolder folder) {
        StringBuilder b = new StringBuilder("<h2 id=\"kernel\">Model against this kernel</h2>\n");
        List<KernelCompareCsv.Row> rows = KernelCompareCsv.rows(folder.dir());
        if (rows.isEmpty()) {
            return b.append("<p class=\"muted\">No trace of this folder carries the recording kernel's fault outcomes "
                    + "(record with <code>vmalab record</code> on a kernel with the mmap_lock tracepoints).</p>\n")
                    .toString();
        }
        String kernel = folder.machine().get("kernel");
        String strategy = strategyOf(kernel);
        List<KernelCompareCsv.Row> all = rows.stream().filter(r -> r.scope().equals("all")).toList();
        boolean replayed = strategy != null && all.stream().anyMatch(r -> r.key().strategy().equals(strategy));
        b.append("<p>Kernel <code>").append(Html.esc(kernel == null ? "unknown" : kernel)).append("</code> (machine.properties");
        b.append(strategy == null ? "): no built-in strategy is named for it, so every strategy is shown."
                : replayed ? ") runs <b>" + Html.esc(strategy) + "</b>; the rows below are that strategy's."
                : ") runs " + Html.esc(strategy) + ", which this folder did not replay: every strategy is shown.");
        b.append(" The kernel's outcomes are the trace's (mmap_lock tracepoints); the model's are this replay's. "
                + "Left per-VMA = served under mmap_lock: anon_vma retries (VMA_LOCK_RETRY) + lock_mm_and_find_vma "
                + "fallbacks (aborts, misses, and the special mappings' VM_FAULT_RETRY).</p>\n");
        List<String> paces = all.stream().map(KernelCompareCsv.Row::pace).distinct().toList();
        if (!paces.equals(List.of("trace"))) {
            b.append("<p><span class=\"tag warn\">pace ").append(Html.esc(String.join(", ", paces)))
                    .append("</span> Contention is timing: only a replay on the trace's own clock "
                            + "(<code>--pace trace</code>: each trace thread on its own timeline, writers holding "
                            + "mmap_lock over their traced intervals) compares with the kernel; <code>--pace real</code> "
                            + "on fewer cores than the trace has threads does not reproduce who overlapped whom. "
                            + "These numbers show the model's outcomes at this pace, not a like-for-like comparison.</p>\n");
        }
        List<KernelCompareCsv.Row> shown = replayed
                ? rows.stream().filter(r -> r.key().strategy().equals(strategy)).toList() : rows;
        b.append(totals(shown));
        b.append(scoped(shown, "thread", "Per trace thread", "tid"));
        b.append(scoped(shown, "time", "Over time", "from (ms)"));
        List<KernelCompareCsv.Disagreement> listed = KernelCompareCsv.disagreements(folder.dir()).stream()
                .filter(d -> !replayed || d.key().strategy().equals(strategy)).toList();
        b.append(causes(shown, listed));
        b.append(disagreements(folder, replayed ? strategy : null));
        return b.toString();
    }

    /** Group key: a cell without its run (runs are summed). */
    private record Cell(String trace, String strategy, int threads) {}

    // Summed count indexes.
    private static final int FAULTS = 0, K_PER_VMA = 1, K_ANON_RETRY = 2, K_FALLBACK = 3, M_PER_VMA = 4,
            M_ANON_RETRY = 5, M_FALLBACK = 6, M_SEGV = 7, DISAGREE = 8, K_ANON_PREP = 9, M_ANON_PREP = 10,
            K_SPECIAL = 11, M_SPECIAL = 12, SIZE = 13;

    private static Map<Cell, long[]> sum(List<KernelCompareCsv.Row> rows, String scope, String scopeKey) {
        Map<Cell, long[]> out = new LinkedHashMap<>();
        for (KernelCompareCsv.Row r : rows) {
            if (!r.scope().equals(scope) || (scopeKey != null && !r.scopeKey().equals(scopeKey))) continue;
            long[] c = out.computeIfAbsent(new Cell(r.key().trace(), r.key().strategy(), r.key().threads()),
                    k -> new long[SIZE]);
            c[FAULTS] += r.faults();
            c[K_PER_VMA] += r.kernelPerVma() + r.kernelAnonTaken();
            c[K_ANON_RETRY] += r.kernelAnonRetry();
            c[K_FALLBACK] += r.kernelFallback();
            c[M_PER_VMA] += r.modelPerVma();
            c[M_ANON_RETRY] += r.modelAnonRetry();
            c[M_FALLBACK] += r.modelFallback();
            c[M_SEGV] += r.modelSegv();
            c[DISAGREE] += r.disagreements();
            c[K_ANON_PREP] += r.kernelAnonPrepared();
            c[M_ANON_PREP] += r.modelAnonPrepared();
            c[K_SPECIAL] += r.kernelSpecial();
            c[M_SPECIAL] += r.modelSpecialRetry();
        }
        return out;
    }

    /** Whether the model's count is more than 10 % off the kernel's (relative; any vs none diverges). */
    static boolean diverges(long kernel, long model) {
        if (kernel == 0) return model != 0;
        return Math.abs(model - kernel) > DIVERGENCE * kernel;
    }

    private static String pct(long part, long whole) {
        return whole == 0 ? "–" : String.format(java.util.Locale.ROOT, "%.3f %%", 100.0 * part / whole);
    }

    private static String ratio(long model, long kernel) {
        return kernel == 0 ? (model == 0 ? "1" : "∞") : Fmt.num((double) model / kernel);
    }

    private static String flag(long kernel, long model) {
        return diverges(kernel, model) ? "<span class=\"tag bad\">diverges &gt;10 %</span>"
                : "<span class=\"tag ok\">within 10 %</span>";
    }

    private static String pair(long kernel, long model) {
        return kernel + " / " + model;
    }

    private static String totals(List<KernelCompareCsv.Row> rows) {
        List<List<String>> left = new ArrayList<>();
        List<List<String>> path = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        sum(rows, "all", null).forEach((cell, c) -> {
            long kLeft = c[K_ANON_RETRY] + c[K_FALLBACK], mLeft = c[M_ANON_RETRY] + c[M_FALLBACK];
            long kTiming = kLeft - c[K_SPECIAL], mTiming = mLeft - c[M_SPECIAL];
            List<String> key = List.of(Html.esc(cell.trace()), Html.esc(cell.strategy()), String.valueOf(cell.threads()));
            List<String> l = new ArrayList<>(key);
            l.addAll(List.of(String.valueOf(c[FAULTS]), pct(kLeft, c[FAULTS]), pct(mLeft, c[FAULTS]), ratio(mLeft, kLeft),
                    flag(kLeft, mLeft), pair(c[K_SPECIAL], c[M_SPECIAL]), flag(c[K_SPECIAL], c[M_SPECIAL]),
                    pair(kTiming, mTiming), flag(kTiming, mTiming)));
            left.add(l);
            List<String> p = new ArrayList<>(key);
            p.addAll(List.of(pct(c[K_PER_VMA], c[FAULTS]), pct(c[M_PER_VMA], c[FAULTS]),
                    pair(c[K_ANON_PREP], c[M_ANON_PREP]), flag(c[K_ANON_PREP], c[M_ANON_PREP]),
                    pair(c[K_ANON_RETRY], c[M_ANON_RETRY]), pair(c[K_FALLBACK], c[M_FALLBACK]),
                    String.valueOf(c[M_SEGV]), String.valueOf(c[DISAGREE])));
            path.add(p);
            String where = Html.esc(cell.trace()) + " (" + Html.esc(cell.strategy()) + ", " + cell.threads() + " threads): ";
            if (diverges(c[K_SPECIAL], c[M_SPECIAL])) {
                notes.add(where + "the deterministic part differs: the kernel fell back on " + c[K_SPECIAL]
                        + " faults in special mappings, the model retried " + c[M_SPECIAL] + " (see the causes below).");
            }
            if (diverges(c[K_ANON_PREP], c[M_ANON_PREP])) {
                notes.add(where + "the kernel gave " + c[K_ANON_PREP] + " VMAs an anon_vma on the per-VMA path, the model "
                        + c[M_ANON_PREP] + ": see anon_vma_need_differs below.");
            }
            if (diverges(kTiming, mTiming)) {
                notes.add(where + "the timing part differs: the kernel left the per-VMA path " + kTiming
                        + " times outside special mappings (" + c[K_ANON_RETRY] + " failed anon_vma trylocks), the model "
                        + mTiming + ". Contention hangs on when writers held mmap_lock; the causes below say which "
                        + "recorded writer each kernel fallback met, if any.");
            }
        });
        StringBuilder b = new StringBuilder("<h3>In all</h3>\n");
        b.append("<p>Left per-VMA = served under mmap_lock. <b>Deterministic</b>: faults in special mappings "
                + "(vdso, vvar: vm_ops without <code>-&gt;map_pages</code>, so <code>vmf_can_call_fault()</code> "
                + "returns VM_FAULT_RETRY under the VMA lock, every time). <b>Timing</b>: the rest (a failed "
                + "<code>vmf_anon_prepare()</code> trylock, a VMA write-locked by a writer), which hangs on "
                + "when writers held mmap_lock.</p>\n");
        b.append(Html.table("kernel", List.of("trace", "strategy", "threads", "faults", "left per-VMA kernel",
                "left per-VMA model", "ratio model/kernel", "", "deterministic kernel / model", "",
                "timing kernel / model", ""), left, 3));
        b.append("<h3>What the fault path did</h3>\n");
        b.append(Html.table("kernel", List.of("trace", "strategy", "threads", "per-VMA kernel", "per-VMA model",
                "anon_vma prepared on the per-VMA path kernel / model", "", "anon_vma retries kernel / model",
                "fallbacks kernel / model", "model SIGSEGV", "disagreeing faults"), path, 3));
        if (!notes.isEmpty()) {
            b.append("<ul>");
            for (String n : notes) b.append("<li>").append(n).append("</li>");
            b.append("</ul>\n");
        }
        return b.append("<p class=\"muted\">Counts summed over runs. anon_vma prepared on the per-VMA path = "
                        + "<code>__vmf_anon_prepare()</code> ran under the VMA lock (trylock taken + failed); which faults "
                        + "need one does not hang on timing, except where two threads race to be first in a merged VMA. "
                        + "Data: ")
                .append(Html.link(KernelCompareCsv.COMPARE, KernelCompareCsv.COMPARE)).append("</p>\n").toString();
    }

    private static String scoped(List<KernelCompareCsv.Row> rows, String scope, String title, String keyName) {
        List<List<String>> table = new ArrayList<>();
        List<String> keys = rows.stream().filter(r -> r.scope().equals(scope)).map(KernelCompareCsv.Row::scopeKey)
                .distinct().toList();
        for (String k : keys) {
            sum(rows, scope, k).forEach((cell, c) -> {
                long kLeft = c[K_ANON_RETRY] + c[K_FALLBACK], mLeft = c[M_ANON_RETRY] + c[M_FALLBACK];
                table.add(List.of(Html.esc(cell.trace()), Html.esc(cell.strategy()), String.valueOf(cell.threads()),
                        Html.esc(k), String.valueOf(c[FAULTS]), pct(kLeft, c[FAULTS]), pct(mLeft, c[FAULTS]),
                        ratio(mLeft, kLeft), pair(c[K_SPECIAL], c[M_SPECIAL]), pair(c[K_ANON_RETRY], c[M_ANON_RETRY]),
                        pair(c[K_FALLBACK], c[M_FALLBACK]), flag(kLeft, mLeft)));
            });
        }
        return "<h3>" + Html.esc(title) + "</h3>\n" + Html.table("kernel", List.of("trace", "strategy", "threads",
                keyName, "faults", "left per-VMA kernel", "left per-VMA model", "ratio model/kernel",
                "deterministic kernel / model", "anon_vma retries kernel / model", "fallbacks kernel / model", ""),
                table, 4);
    }

    /** What each cause in kernel-disagreements.csv means (replay/.../measure/DisagreementCause). */
    static final Map<String, String> CAUSES = Map.of(
            "special_mapping", "deterministic: the VMA is a special mapping (vdso/vvar, no -&gt;map_pages) and they still differ",
            "anon_vma_need_differs", "deterministic: one gave the VMA an anon_vma on the per-VMA path and the other found "
                    + "one or needed none (exec-made bss the trace cannot tell from the data segment; two threads "
                    + "racing to be first in a merged VMA)",
            "model_lacks_mapping", "the model has no VMA where the kernel served the fault: a mapping the trace "
                    + "does not show, or the replay ran the fault after another worker's unmap or exit",
            "writer_overlap", "timing: another thread's recorded mmap_lock write hold covers the fault",
            "writer_waiting", "timing: another thread's writer was queued for mmap_lock (a queued writer fails "
                    + "mmap_read_trylock: RWSEM_FLAG_WAITERS)",
            "writer_may_overlap", "timing: another thread was in a mapping syscall that took mmap_lock for write "
                    + "(after its previous event, before its exit); its hold may have covered the fault",
            "no_writer_overlap", "timing: the kernel left the per-VMA path and no recorded writer explains it "
                    + "(an I/O or folio wait, a writer outside the traced syscalls)",
            "model_only_contention", "timing: the model met a writer in its replay that the kernel did not meet");

    private static String causes(List<KernelCompareCsv.Row> rows, List<KernelCompareCsv.Disagreement> listed) {
        StringBuilder b = new StringBuilder("<h3>Disagreements by cause</h3>\n");
        List<KernelCompareCsv.Row> causeRows = rows.stream().filter(r -> r.scope().equals("cause")).toList();
        if (causeRows.isEmpty()) {
            return b.append("<p>No disagreeing fault (or a folder written before causes were recorded).</p>\n")
                    .toString();
        }
        List<List<String>> table = new ArrayList<>();
        for (String cause : causeRows.stream().map(KernelCompareCsv.Row::scopeKey).distinct().toList()) {
            sum(causeRows, "cause", cause).forEach((cell, c) -> {
                StringBuilder ex = new StringBuilder();
                listed.stream().filter(d -> d.cause().equals(cause) && d.key().trace().equals(cell.trace())
                                && d.key().strategy().equals(cell.strategy()) && d.key().threads() == cell.threads())
                        .limit(EXAMPLES).forEach(d -> ex.append(ex.isEmpty() ? "" : "<br>")
                                .append("tid ").append(Html.esc(d.tid())).append(" <span class=\"mono\">")
                                .append(Html.esc(d.address())).append("</span>: kernel ").append(Html.esc(d.kernel()))
                                .append(", model ").append(Html.esc(d.model()))
                                .append(d.detail().isEmpty() ? "" : " (" + Html.esc(d.detail()) + ")"));
                table.add(List.of(Html.esc(cell.trace()), Html.esc(cell.strategy()), String.valueOf(cell.threads()),
                        "<code>" + Html.esc(cause) + "</code>", CAUSES.getOrDefault(cause, ""),
                        String.valueOf(c[FAULTS]), pair(c[K_ANON_RETRY] + c[K_FALLBACK], c[M_ANON_RETRY] + c[M_FALLBACK]),
                        ex.toString()));
            });
        }
        return b.append(Html.table("kernel", List.of("trace", "strategy", "threads", "cause", "what it means",
                        "faults", "left per-VMA kernel / model", "examples"), table, i -> i == 5 || i == 6))
                .append("<p class=\"muted\">Every disagreeing fault is counted under one cause (exact counts); "
                        + "the examples are among the first 100 kept per run.</p>\n").toString();
    }

    private static String disagreements(ResultFolder folder, String strategy) {
        List<KernelCompareCsv.Disagreement> all = KernelCompareCsv.disagreements(folder.dir()).stream()
                .filter(d -> strategy == null || d.key().strategy().equals(strategy)).toList();
        StringBuilder b = new StringBuilder("<h3>Faults where they disagree</h3>\n");
        if (all.isEmpty()) return b.append("<p>None listed.</p>\n").toString();
        List<List<String>> table = new ArrayList<>();
        for (KernelCompareCsv.Disagreement d : all.subList(0, Math.min(LISTED_DISAGREEMENTS, all.size()))) {
            table.add(List.of(Html.esc(d.key().trace()), Html.esc(d.key().strategy()), String.valueOf(d.key().threads()),
                    String.valueOf(d.key().run()), String.valueOf(d.timeNs()), Html.esc(d.tid()),
                    "<span class=\"mono\">" + Html.esc(d.address()) + "</span>", Html.esc(d.kernel()),
                    Html.esc(d.model()), "<code>" + Html.esc(d.cause()) + "</code>", Html.esc(d.detail())));
        }
        return b.append(Html.table("kernel", List.of("trace", "strategy", "threads", "run", "time (ns)", "tid",
                        "address", "kernel did", "model did", "cause", "detail"), table, 11))
                .append("<p class=\"muted\">The first ").append(table.size()).append(" of ").append(all.size())
                .append(" listed (at most 100 per run); counts per cell are in ")
                .append(Html.link(KernelCompareCsv.COMPARE, KernelCompareCsv.COMPARE)).append(". Data: ")
                .append(Html.link(KernelCompareCsv.DISAGREEMENTS, KernelCompareCsv.DISAGREEMENTS)).append("</p>\n")
                .toString();
    }
}
