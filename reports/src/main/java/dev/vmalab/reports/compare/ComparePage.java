package dev.vmalab.reports.compare;

import dev.vmalab.reports.html.Fmt;
import dev.vmalab.reports.html.Html;
import dev.vmalab.reports.html.PageShell;
import dev.vmalab.reports.metrics.Judgement;
import dev.vmalab.reports.metrics.MetricDifference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** The HTML form of a comparison: both verdicts, the machines side by side, the A/B table. */
final class ComparePage {
    private ComparePage() {}

    /** @param dataBase the CSV/JSON base name next to the page, for the data links */
    static String html(Comparison c, String dataBase) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>vmalab compare: ").append(Html.esc(c.labelA())).append(" → ").append(Html.esc(c.labelB()))
                .append("</h1>\n<p class=\"muted\">A = <code>").append(Html.esc(c.a().dir().toAbsolutePath().toString()))
                .append("</code><br>B = <code>").append(Html.esc(c.b().dir().toAbsolutePath().toString())).append("</code></p>\n");
        b.append("<h2>Verdicts</h2>\n<ul><li><b>A</b>: ").append(Html.esc(c.verdictA().headline())).append("</li><li><b>B</b>: ")
                .append(Html.esc(c.verdictB().headline())).append("</li></ul>\n");
        if (!c.onlyInA().isEmpty() || !c.onlyInB().isEmpty()) {
            b.append("<p>Only in A: ").append(Html.esc(String.join(", ", c.onlyInA()))).append(". Only in B: ")
                    .append(Html.esc(String.join(", ", c.onlyInB()))).append(".</p>\n");
        }
        int top = c.highestCommonThreads();
        b.append("<h2>A/B at ").append(top).append(" threads</h2>\n<p class=\"muted\">change = (B − A) / A. "
                + "<span class=\"better\">better</span>/<span class=\"worse\">worse</span> only when the 95% seeded "
                + "bootstrap interval of the difference of run means (B − A) excludes zero and the two-sided "
                + "Mann-Whitney U p (MW p) is below 0.05. Data: ")
                .append(Html.link(dataBase + ".csv", dataBase + ".csv")).append(" · ")
                .append(Html.link(dataBase + ".json", dataBase + ".json")).append("</p>\n");
        b.append(table(c, c.rows().stream().filter(r -> r.threads() == top).toList()));
        b.append("<details><summary>Every thread count (").append(c.rows().size()).append(" rows)</summary>\n")
                .append(table(c, c.rows())).append("</details>\n");
        b.append(machines(c));
        return PageShell.wrap("vmalab compare: " + c.labelA() + " vs " + c.labelB(), b.toString());
    }

    private static String table(Comparison c, List<CompareRow> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (CompareRow r : rows) {
            MetricDifference d = r.difference();
            Judgement j = d.judgement();
            String cls = j == Judgement.BETTER ? "better" : j == Judgement.WORSE ? "worse" : "muted";
            cells.add(List.of(Html.esc(r.strategy()), String.valueOf(r.threads()),
                    Html.esc(d.metric().label() + (d.metric().unit().isEmpty() ? "" : " (" + d.metric().unit() + ")")),
                    Fmt.num(d.baselineMean()), Fmt.num(d.otherMean()),
                    "<span class=\"" + cls + "\">" + Fmt.percentChange(d.percentChange()) + "</span>",
                    d.interval().map(i -> "[" + Fmt.signed(i.low()) + ", " + Fmt.signed(i.high()) + "]").orElse("n/a"),
                    Fmt.pValue(d.mannWhitneyP()), "<span class=\"" + cls + "\">" + Html.esc(j.toString()) + "</span>"));
        }
        return Html.table("compare", List.of("strategy", "threads", "metric", "A: " + Html.esc(c.labelA()),
                "B: " + Html.esc(c.labelB()), "change", "95% interval (B − A)", "MW p", "B is"), cells, i -> i == 1 || (i >= 3 && i <= 7));
    }

    private static String machines(Comparison c) {
        Map<String, String> a = c.a().machine();
        Map<String, String> bm = c.b().machine();
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(bm.keySet());
        List<List<String>> rows = new ArrayList<>();
        for (String k : keys) {
            String va = a.getOrDefault(k, "");
            String vb = bm.getOrDefault(k, "");
            String mark = Objects.equals(va, vb) ? "" : "<span class=\"tag warn\">differs</span>";
            rows.add(List.of(Html.esc(k), Html.esc(va), Html.esc(vb), mark));
        }
        return "<h2>Machines and runs</h2>\n<p class=\"muted\">From each folder's machine.properties.</p>\n"
                + Html.table("machines", List.of("key", "A", "B", ""), rows, 99);
    }
}
