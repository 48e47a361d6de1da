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
 * where they disagree (kernel-disagreements.csv). A fault-path fallback rate (anon_vma retries + lock_mm
 * fallbacks) more than {@link #DIVERGENCE} apart, relatively, is flagged.
 */
final class KernelSection {
    static final double DIVERGENCE = 0.10;
    static final int LISTED_DISAGREEMENTS = 20;

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
                + "fallbacks (aborts, misses).</p>\n");
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
        b.append(disagreements(folder, replayed ? strategy : null));
        return b.toString();
    }

    /** Group key: a cell without its run (runs are summed). */
    private record Cell(String trace, String strategy, int threads) {}

    private static Map<Cell, long[]> sum(List<KernelCompareCsv.Row> rows, String scope, String scopeKey) {
        Map<Cell, long[]> out = new LinkedHashMap<>();
        for (KernelCompareCsv.Row r : rows) {
            if (!r.scope().equals(scope) || (scopeKey != null && !r.scopeKey().equals(scopeKey))) continue;
            long[] c = out.computeIfAbsent(new Cell(r.key().trace(), r.key().strategy(), r.key().threads()),
                    k -> new long[9]);
            c[0] += r.faults();
            c[1] += r.kernelPerVma() + r.kernelAnonTaken();
            c[2] += r.kernelAnonRetry();
            c[3] += r.kernelFallback();
            c[4] += r.modelPerVma();
            c[5] += r.modelAnonRetry();
            c[6] += r.modelFallback();
            c[7] += r.modelSegv();
            c[8] += r.disagreements();
        }
        return out;
    }

    /** Whether the model's fallback rate is more than 10 % off the kernel's (relative; any vs none diverges). */
    static boolean diverges(long kernelLeft, long modelLeft) {
        if (kernelLeft == 0) return modelLeft != 0;
        return Math.abs(modelLeft - kernelLeft) > DIVERGENCE * kernelLeft;
    }

    private static String pct(long part, long whole) {
        return whole == 0 ? "–" : String.format(java.util.Locale.ROOT, "%.3f %%", 100.0 * part / whole);
    }

    private static String ratio(long model, long kernel) {
        return kernel == 0 ? (model == 0 ? "1" : "∞") : Fmt.num((double) model / kernel);
    }

    private static String flag(long kernelLeft, long modelLeft) {
        return diverges(kernelLeft, modelLeft) ? "<span class=\"tag bad\">diverges &gt;10 %</span>"
                : "<span class=\"tag ok\">within 10 %</span>";
    }

    private static String totals(List<KernelCompareCsv.Row> rows) {
        List<List<String>> table = new ArrayList<>();
        List<String> causes = new ArrayList<>();
        sum(rows, "all", null).forEach((cell, c) -> {
            long kLeft = c[2] + c[3], mLeft = c[5] + c[6];
            table.add(List.of(Html.esc(cell.trace()), Html.esc(cell.strategy()), String.valueOf(cell.threads()),
                    String.valueOf(c[0]), pct(c[1], c[0]), pct(c[4], c[0]), pct(kLeft, c[0]), pct(mLeft, c[0]),
                    ratio(mLeft, kLeft), c[2] + " / " + c[5], c[3] + " / " + c[6], String.valueOf(c[7]),
                    String.valueOf(c[8]), flag(kLeft, mLeft)));
            if (diverges(kLeft, mLeft)) {
                causes.add(Html.esc(cell.trace()) + " (" + Html.esc(cell.strategy()) + ", " + cell.threads()
                        + " threads): the kernel retried " + c[2] + " faults for an anon_vma and fell back " + c[3]
                        + " times; the model " + c[5] + " and " + c[6] + (c[5] == 0 && c[2] > 0
                        ? ". The model counted no anon_vma retry at all: its fault path has no vmf_anon_prepare() "
                        + "trylock, so those fallbacks are missing from it." : ".")
                        + (c[3] > c[6] ? " Kernel fallbacks the trace cannot tell apart: aborts on a VMA another "
                        + "thread's writer had write-locked, vmf_can_call_fault()'s retry of a ->fault without "
                        + "->map_pages (the vdso/vvar special mappings, which the model does not have), or an I/O "
                        + "wait on a file page." : ""));
            }
        });
        StringBuilder b = new StringBuilder("<h3>In all</h3>\n");
        b.append(Html.table("kernel", List.of("trace", "strategy", "threads", "faults", "per-VMA kernel",
                "per-VMA model", "left per-VMA kernel", "left per-VMA model", "ratio model/kernel",
                "anon_vma retries kernel / model", "fallbacks kernel / model", "model SIGSEGV", "disagreeing faults",
                ""), table, 2));
        if (!causes.isEmpty()) {
            b.append("<ul>");
            for (String c : causes) b.append("<li>").append(c).append("</li>");
            b.append("</ul>\n");
        }
        return b.append("<p class=\"muted\">Counts summed over runs. Data: ")
                .append(Html.link(KernelCompareCsv.COMPARE, KernelCompareCsv.COMPARE)).append("</p>\n").toString();
    }

    private static String scoped(List<KernelCompareCsv.Row> rows, String scope, String title, String keyName) {
        List<List<String>> table = new ArrayList<>();
        List<String> keys = rows.stream().filter(r -> r.scope().equals(scope)).map(KernelCompareCsv.Row::scopeKey)
                .distinct().toList();
        for (String k : keys) {
            sum(rows, scope, k).forEach((cell, c) -> {
                long kLeft = c[2] + c[3], mLeft = c[5] + c[6];
                table.add(List.of(Html.esc(cell.trace()), Html.esc(cell.strategy()), String.valueOf(cell.threads()),
                        Html.esc(k), String.valueOf(c[0]), pct(kLeft, c[0]), pct(mLeft, c[0]), ratio(mLeft, kLeft),
                        c[2] + " / " + c[5], c[3] + " / " + c[6], flag(kLeft, mLeft)));
            });
        }
        return "<h3>" + Html.esc(title) + "</h3>\n" + Html.table("kernel", List.of("trace", "strategy", "threads",
                keyName, "faults", "left per-VMA kernel", "left per-VMA model", "ratio model/kernel",
                "anon_vma retries kernel / model", "fallbacks kernel / model", ""), table, 4);
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
                    Html.esc(d.model())));
        }
        return b.append(Html.table("kernel", List.of("trace", "strategy", "threads", "run", "time (ns)", "tid",
                        "address", "kernel did", "model did"), table, 9))
                .append("<p class=\"muted\">The first ").append(table.size()).append(" of ").append(all.size())
                .append(" listed (at most 100 per run); counts per cell are in ")
                .append(Html.link(KernelCompareCsv.COMPARE, KernelCompareCsv.COMPARE)).append(". Data: ")
                .append(Html.link(KernelCompareCsv.DISAGREEMENTS, KernelCompareCsv.DISAGREEMENTS)).append("</p>\n")
                .toString();
    }
}
