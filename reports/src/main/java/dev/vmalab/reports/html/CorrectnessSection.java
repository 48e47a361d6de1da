package dev.vmalab.reports.html;

import dev.vmalab.reports.results.ResultFolder;
import dev.vmalab.reports.results.SummaryRow;
import dev.vmalab.reports.results.ViolationRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Violation counts per strategy and kind, and the violations with the commands that replay them. */
final class CorrectnessSection {
    /** The page lists this many violations; violations.csv holds all of them. */
    static final int LISTED = 200;

    private CorrectnessSection() {}

    static String html(ResultFolder folder, String assetDir) {
        StringBuilder b = new StringBuilder("<h2 id=\"correctness\">Correctness</h2>\n");
        List<List<String>> rows = new ArrayList<>();
        for (String s : folder.strategies()) {
            long uaf = 0, stale = 0, rcu = 0, wrong = 0, section = 0, total = 0, runs = 0;
            for (SummaryRow r : folder.summary()) {
                if (!r.strategy().equals(s)) continue;
                uaf += r.useAfterFree();
                stale += r.staleNode();
                rcu += r.rcuNotHeld();
                wrong += r.wrongVma();
                section += r.staleRcuSection();
                total += r.violations();
                runs += r.violations() > 0 ? 1 : 0;
            }
            // "none seen" is not "correct": correctness needs a clean hunt (the verdict's standings say which).
            String tag = total == 0 ? "<span class=\"tag\">none seen</span>" : "<span class=\"tag bad\">INCORRECT</span>";
            long rowsInCsv = folder.violations().stream().filter(v -> v.key().strategy().equals(s)).count();
            rows.add(List.of(Html.esc(s), tag, String.valueOf(uaf), String.valueOf(stale), String.valueOf(rcu),
                    String.valueOf(wrong), String.valueOf(section), String.valueOf(total), String.valueOf(runs), String.valueOf(rowsInCsv)));
        }
        b.append(Html.table("correctness", List.of("strategy", "in these runs", "use-after-free", "stale node", "RCU not held",
                "wrong VMA", "stale RCU section", "total", "runs with violations", "rows in violations.csv"), rows, 2));
        b.append("<p class=\"muted\">Counts from summary.csv (all traces, thread counts and runs). Data: ")
                .append(Html.link(assetDir + "/correctness.csv", "correctness.csv")).append(" · ")
                .append(Html.link("violations.csv", "violations.csv")).append("</p>\n");
        b.append(list(folder.violations()));
        return b.toString();
    }

    /** Violations of one kind by one strategy in one trace at one thread count: shown once, with a repro. */
    private record Group(String strategy, String kind, String trace, int threads) {}

    private static String list(List<ViolationRow> violations) {
        if (violations.isEmpty()) return "<p>violations.csv lists no violation.</p>\n";
        Map<Group, List<ViolationRow>> groups = new LinkedHashMap<>();
        for (ViolationRow v : violations) {
            groups.computeIfAbsent(new Group(v.key().strategy(), v.kind(), v.key().trace(), v.key().threads()),
                    g -> new ArrayList<>()).add(v);
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<Group, List<ViolationRow>> e : groups.entrySet()) {
            if (rows.size() == LISTED) break;
            Group g = e.getKey();
            ViolationRow first = e.getValue().getFirst();
            String runs = e.getValue().stream().map(v -> String.valueOf(v.key().run())).distinct()
                    .collect(Collectors.joining(", "));
            rows.add(List.of(Html.esc(g.strategy()), Html.esc(g.kind()), Html.esc(g.trace()),
                    String.valueOf(g.threads()), String.valueOf(e.getValue().size()), Html.esc(runs),
                    Html.esc(first.detail()) + (first.nodeHistory().isEmpty() ? ""
                            : "<br><span class=\"muted mono\">" + Html.esc(first.nodeHistory()) + "</span>")
                            + "<br><span class=\"muted\">thread " + Html.esc(first.thread()) + ", address <span class=\"mono\">"
                            + Html.esc(first.address()) + "</span>, run " + first.key().run() + "</span>",
                    "<code class=\"repro\">" + Html.esc(first.repro()) + "</code>"));
        }
        String more = groups.size() > LISTED
                ? "<p class=\"muted\">" + (groups.size() - LISTED) + " more groups in violations.csv.</p>\n" : "";
        return "<h3>Violations and how to replay them</h3>\n<p class=\"muted\">One row per strategy, kind, trace and "
                + "thread count; the example and its repro command are the group's first violation. Every violation, "
                + "with its own repro, is in " + Html.link("violations.csv", "violations.csv") + ".</p>\n"
                + Html.table("violations", List.of("strategy", "kind", "trace", "threads", "count", "runs",
                        "first example", "repro (first example)"), rows, i -> i == 3 || i == 4) + more;
    }
}
