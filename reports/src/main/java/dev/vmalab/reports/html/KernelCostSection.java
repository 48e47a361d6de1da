package dev.vmalab.reports.html;

import dev.vmalab.reports.results.ResultFolder;
import dev.vmalab.reports.results.SummaryRow;
import dev.vmalab.reports.results.UnitCosts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Counts in this machine's kernel ns": each strategy's node reads and fallbacks per lookup
 * (summary.csv, all runs and traces of a thread count together) priced with {@link UnitCosts},
 * and which unit costs those are (calibration.properties, or the model's own).
 */
final class KernelCostSection {
    private KernelCostSection() {}

    static String html(ResultFolder folder) {
        return html(folder, UnitCosts.of(folder));
    }

    static String html(ResultFolder folder, UnitCosts c) {
        StringBuilder b = new StringBuilder("<h2 id=\"kernel-cost\">Counts in kernel ns</h2>\n<p>Unit costs: ")
                .append(Html.esc(c.source())).append(".<br>node read ").append(Fmt.num(c.nodeReadNs()))
                .append(" ns · fallback to mmap_lock ").append(Fmt.num(c.abortFallbackNs()))
                .append(" ns extra · fault under the per-VMA lock ").append(Fmt.num(c.perVmaFaultNs())).append(" ns</p>\n");
        Map<String, long[]> lookupsFallbacks = new LinkedHashMap<>();
        Map<String, double[]> nodes = new LinkedHashMap<>();
        for (SummaryRow r : folder.summary()) {
            String k = r.strategy() + "\u0000" + r.threads();
            long[] lf = lookupsFallbacks.computeIfAbsent(k, x -> new long[2]);
            lf[0] += r.lookups();
            lf[1] += r.fallback();
            nodes.computeIfAbsent(k, x -> new double[1])[0] += r.nodesPerLookup() * r.lookups();
        }
        List<List<String>> rows = new ArrayList<>();
        for (var e : lookupsFallbacks.entrySet()) {
            String[] key = e.getKey().split("\u0000");
            double lookups = e.getValue()[0];
            double nodesPer = nodes.get(e.getKey())[0] / lookups;
            double fallbackPer = e.getValue()[1] / lookups;
            double walk = nodesPer * c.nodeReadNs();
            double fall = fallbackPer * c.abortFallbackNs();
            double total = walk + fall;
            rows.add(List.of(Html.esc(key[0]), key[1], Fmt.num(nodesPer), Fmt.num(100 * fallbackPer), Fmt.num(walk),
                    Fmt.num(fall), Fmt.num(total), Fmt.num(100 * total / c.perVmaFaultNs())));
        }
        b.append(Html.table("kernel-cost", List.of("strategy", "threads", "nodes / lookup", "fallback %",
                "walk ns / lookup", "fallback ns / lookup", "total ns / lookup", "% of a per-VMA fault"), rows, 1));
        b.append("<p class=\"muted\">walk = nodes per lookup × node read; fallback = fallbacks per lookup × fallback cost"
                + " (aborts and anon_vma retries both end in lock_mm_and_find_vma). A strategy's kernel-level difference is"
                + " the difference of these columns. The fallback cost is calibrate's, measured while a thread looped"
                + " mprotect() on mmap_lock: it prices a contended fallback, so rows of uncontended mmap_lock lookups"
                + " (mmap-lock-only) are upper bounds. n/a: that cost is not known here");
        b.append(c.calibrated() ? " (calibrate could not measure it on that machine)" : " (run ./vmalab calibrate)");
        b.append(". From summary.csv").append(c.calibrated() ? " and " + Html.link(UnitCosts.FILE, UnitCosts.FILE) : "")
                .append(".</p>\n");
        return b.toString();
    }
}
