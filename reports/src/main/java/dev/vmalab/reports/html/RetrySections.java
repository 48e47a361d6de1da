package dev.vmalab.reports.html;

import dev.vmalab.reports.results.ExposureCsv;
import dev.vmalab.reports.results.MatrixCsv;
import dev.vmalab.reports.results.PairedCsv;
import dev.vmalab.reports.results.PairedSummaryCsv;
import dev.vmalab.reports.results.VerdictInputs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The retry matrix (scenario x strategy) and the paired retry table: where the strategies' retries differ. */
final class RetrySections {
    /** The page lists this many paired events where the strategies differ; paired.csv holds all. */
    static final int LISTED_EVENTS = 30;

    private RetrySections() {}

    static String matrix(VerdictInputs in) {
        StringBuilder b = new StringBuilder("<h2 id=\"matrix\">Retry matrix</h2>\n");
        if (in.matrix().isEmpty()) return b.append("<p class=\"muted\">No matrix.csv in this folder.</p>\n").toString();
        List<String> strategies = in.matrix().stream().map(MatrixCsv.Row::strategy).distinct().toList();
        Map<String, Map<String, MatrixCsv.Row>> byScenario = new LinkedHashMap<>();
        for (MatrixCsv.Row r : in.matrix()) byScenario.computeIfAbsent(r.scenario(), k -> new LinkedHashMap<>()).put(r.strategy(), r);
        List<List<String>> rows = new ArrayList<>();
        byScenario.forEach((scenario, cells) -> {
            List<String> row = new ArrayList<>(List.of(Html.esc(scenario)));
            for (String s : strategies) {
                MatrixCsv.Row r = cells.get(s);
                row.add(r == null ? "" : cell(r.outcome(), r.nodesRead(), r.walksFromRoot(), MatrixCsv.flag(r.staleIndex()),
                        MatrixCsv.flag(r.staleNode()), MatrixCsv.flag(r.violation())));
            }
            rows.add(row);
        });
        List<String> header = new ArrayList<>(List.of("scenario"));
        strategies.forEach(s -> header.add(Html.esc(s)));
        return b.append("<p class=\"muted\">Each scripted way a writer makes the found VMA stale between mas_walk() and "
                + "vma_start_read(), and what each strategy's retry does: outcome, maple nodes read, walks from the root; "
                + "flags: stale index, stale node. From ").append(Html.link(MatrixCsv.FILE, MatrixCsv.FILE)).append(".</p>\n")
                .append(Html.table("matrix", header, rows, i -> false)).toString();
    }

    private static String cell(String outcome, long nodes, long walks, boolean staleIndex, boolean staleNode, boolean violation) {
        String cls = violation ? "worse" : outcome.equals("LOCKED") ? "" : "muted";
        return "<span class=\"" + cls + "\">" + Html.esc(outcome) + "</span> " + nodes + "n/" + walks + "w"
                + (staleIndex ? " <span class=\"tag warn\">stale index</span>" : "")
                + (staleNode ? " <span class=\"tag bad\">stale node</span>" : "");
    }

    static String paired(VerdictInputs in) {
        StringBuilder b = new StringBuilder("<h2 id=\"paired\">Paired retries</h2>\n");
        if (in.pairedSummary().isEmpty()) {
            return b.append("<p class=\"muted\">No paired-summary.csv in this folder (no paired retry accounting).</p>\n").toString();
        }
        Map<String, long[]> totals = new LinkedHashMap<>();
        for (PairedSummaryCsv.Row r : in.pairedSummary()) {
            long[] t = totals.computeIfAbsent(r.strategy(), k -> new long[10]);
            long[] add = {r.events(), r.locked(), r.abortRange(), r.abortNull(), r.eagainAgain(), r.violations(),
                    r.nodesRead(), r.walksFromRoot(), r.extraAborts(), r.extraNodes()};
            for (int i = 0; i < add.length; i++) t[i] += add[i];
        }
        List<List<String>> rows = new ArrayList<>();
        totals.forEach((s, t) -> {
            List<String> row = new ArrayList<>(List.of(Html.esc(s)));
            for (long x : t) row.add(String.valueOf(x));
            rows.add(row);
        });
        b.append("<p class=\"muted\">Every -EAGAIN event of every run, with what each strategy's retry would have done "
                + "from that same state (summed over traces, threads and runs; per run in ")
                .append(Html.link(PairedSummaryCsv.FILE, PairedSummaryCsv.FILE)).append(").</p>\n")
                .append(Html.table("paired", List.of("strategy", "events", "locked", "abort (range check)", "abort (NULL)",
                        "-EAGAIN again", "violations", "nodes read", "walks from root", "extra aborts", "extra node reads"),
                        rows, 1));
        b.append(differingEvents(in.paired()));
        return b.toString();
    }

    /**
     * The workload weighting: per (trace, threads), the trace's race exposure by kind and what each strategy is
     * expected to add at the trace's own contention (upper values: P(-EAGAIN | exposure) at its 95 % bound), and
     * machine.properties' paired_bound sentence. Units: aborts and node reads per million faults; ns per fault
     * priced by the replay's unit costs (machine.properties unit_cost_*).
     */
    static String workload(java.nio.file.Path dir, Map<String, String> machine) {
        List<ExposureCsv.Row> rows = ExposureCsv.workload(dir);
        StringBuilder b = new StringBuilder("<h2 id=\"workload\">Workload weighting</h2>\n");
        if (rows.isEmpty()) {
            return b.append("<p class=\"muted\">No workload rows in exposure.csv (no trace, or no paired retry "
                    + "accounting).</p>\n").toString();
        }
        // paired_bound's clauses at the trace's own contention (the sweep's levels are the verdict panel's)
        List<String> bounds = java.util.Arrays.stream(machine.getOrDefault("paired_bound", "").split("; "))
                .filter(c -> c.contains(" at contention 0:")).toList();
        if (!bounds.isEmpty()) {
            b.append("<ul>\n");
            for (String c : bounds) b.append("<li>").append(Html.esc(c)).append("</li>\n");
            b.append("</ul>\n");
        }
        Map<String, List<ExposureCsv.Row>> groups = new LinkedHashMap<>();
        for (ExposureCsv.Row r : rows) groups.computeIfAbsent(r.trace() + " · " + r.threads() + " threads", k -> new ArrayList<>()).add(r);
        groups.forEach((name, group) -> {
            List<String> strategies = group.stream().map(ExposureCsv.Row::strategy).distinct().toList();
            ExposureCsv.Row first = group.getFirst();
            b.append("<h3>").append(Html.esc(name)).append("</h3>\n<p class=\"muted\">").append(first.events())
                    .append(" of ").append(first.faults()).append(" faults exposed (a VMA another thread changed in the "
                    + "race window, <code>trace stats</code>); P(-EAGAIN | exposure) measured ")
                    .append(String.format(Locale.ROOT, "%.3g", first.pEagain())).append(", at most ")
                    .append(String.format(Locale.ROOT, "%.3g", first.pEagainUpper()))
                    .append(" (95 %). Each cell: extra aborts / extra node reads per million faults against the "
                    + "reference, and ns per fault, at that bound.</p>\n");
            Map<String, Map<String, ExposureCsv.Row>> byKind = new LinkedHashMap<>();
            for (ExposureCsv.Row r : group) byKind.computeIfAbsent(r.kind(), k -> new LinkedHashMap<>()).put(r.strategy(), r);
            List<List<String>> table = new ArrayList<>();
            byKind.forEach((kind, cells) -> {
                ExposureCsv.Row any = cells.values().iterator().next();
                List<String> row = new ArrayList<>(List.of(Html.esc(kind), Html.esc(any.matrixRow()),
                        String.format(Locale.ROOT, "%.1f", any.exposedPerMillion())));
                for (String s : strategies) {
                    ExposureCsv.Row c = cells.get(s);
                    row.add(c == null ? "" : String.format(Locale.ROOT, "%+.3g / %+.3g (%.3g ns)%s", c.extraAbortsUpper(),
                            c.extraNodesUpper(), c.extraNsUpper(), c.correct() ? "" : " <span class=\"tag bad\">not correct</span>"));
                }
                table.add(row);
            });
            List<String> header = new ArrayList<>(List.of("kind", "matrix row", "exposed per million faults"));
            strategies.forEach(s -> header.add(Html.esc(s)));
            b.append(Html.table("workload", header, table, i -> i >= 2));
        });
        return b.append("<p class=\"muted\">From ").append(Html.link(ExposureCsv.FILE, ExposureCsv.FILE))
                .append(" (basis workload) and ").append(Html.link(MatrixCsv.FILE, MatrixCsv.FILE)).append(".</p>\n")
                .toString();
    }

    /** The first events on which the strategies did not all do the same: the figures' trace back to single events. */
    private static String differingEvents(List<PairedCsv.Row> paired) {
        if (paired.isEmpty()) return "";
        Map<String, List<PairedCsv.Row>> byEvent = new LinkedHashMap<>();
        for (PairedCsv.Row r : paired) byEvent.computeIfAbsent(r.eventKey(), k -> new ArrayList<>()).add(r);
        List<List<String>> rows = new ArrayList<>();
        long differing = 0;
        for (List<PairedCsv.Row> ev : byEvent.values()) {
            if (ev.stream().map(PairedCsv.Row::effect).distinct().count() < 2) continue;
            differing++;
            if (rows.size() >= LISTED_EVENTS) continue;
            for (PairedCsv.Row r : ev) {
                rows.add(List.of(Html.esc(r.trace()), String.valueOf(r.threads()), String.valueOf(r.run()),
                        r.event(), "<span class=\"mono\">" + Html.esc(r.address()) + "</span>",
                        Html.esc(r.scenario()), Html.esc(r.strategy()), cell(r.outcome(), r.nodesRead(), r.walksFromRoot(),
                                MatrixCsv.flag(r.staleIndex()), MatrixCsv.flag(r.staleNode()), MatrixCsv.flag(r.violation()))));
            }
        }
        return "<h3>Events where the strategies differ (" + differing + " of " + byEvent.size() + ")</h3>\n"
                + (rows.isEmpty() ? "<p>On every paired event all strategies did the same.</p>\n"
                : Html.table("paired-events", List.of("trace", "threads", "run", "event", "address", "scenario", "strategy",
                "retry"), rows, i -> i >= 1 && i <= 3))
                + "<p class=\"muted\">All events: " + Html.link(PairedCsv.FILE, PairedCsv.FILE) + ".</p>\n";
    }
}
