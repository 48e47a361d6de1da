package dev.vmalab.reports.html;

import dev.vmalab.reports.metrics.Judgement;
import dev.vmalab.reports.metrics.Metric;
import dev.vmalab.reports.metrics.MetricDifference;
import dev.vmalab.reports.verdict.CheapestRule;
import dev.vmalab.reports.verdict.Standing;
import dev.vmalab.reports.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;

/** The verdict box, the standings of every strategy, and the per-metric evidence table. */
final class VerdictSection {
    private VerdictSection() {}

    static String html(Verdict v, String assetDir) {
        StringBuilder b = new StringBuilder("<h2 id=\"verdict\">Verdict</h2>\n");
        boolean none = v.cheapest().isEmpty();
        b.append("<div class=\"verdict").append(none ? " none" : "").append("\">\n<p class=\"answer\">")
                .append(Html.esc(answer(v))).append("</p>\n<p>").append(Html.esc(v.headline())).append("</p>\n");
        int fewest = v.standings().stream().filter(s -> s.correct() && s.runsAtThreads() > 0)
                .mapToInt(Standing::runsAtThreads).min().orElse(0);
        if (v.evidence().stream().anyMatch(d -> d.judgement() == Judgement.TOO_FEW_RUNS)) {
            b.append("<p><span class=\"tag warn\">too few runs</span> Some strategies have only ").append(fewest)
                    .append(" run(s) at ").append(v.threads()).append(" threads: with so few, no difference can be "
                            + "significant, so the verdict cannot separate them. Replay with 5 runs or more.</p>\n");
        }
        b.append("<p class=\"muted\"><b>Rule.</b> ").append(Html.esc(CheapestRule.TEXT)).append("</p>\n</div>\n");
        b.append(standings(v));
        b.append(evidence(v));
        b.append("<p class=\"muted\">Data: ").append(Html.link(assetDir + "/verdict.json", "verdict.json")).append(" · ")
                .append(Html.link(assetDir + "/standings.csv", "standings.csv")).append(" · ")
                .append(Html.link(assetDir + "/evidence.csv", "evidence.csv")).append(" · ")
                .append(Html.link(assetDir + "/run-measures.csv", "run-measures.csv"))
                .append(" (one row per strategy, threads and run: the values the tests use)</p>\n");
        return b.toString();
    }

    private static String answer(Verdict v) {
        if (v.cheapest().isEmpty()) return "No strategy is correct: every one has violations.";
        String c = v.cheapest().get();
        return switch (v.status()) {
            case CLEAR -> "Cheapest correct strategy: " + c;
            case TIE_BROKEN_BY_THROUGHPUT -> "Cheapest correct strategy: " + c + " (latency tie broken by throughput)";
            case INDISTINGUISHABLE -> "Cheapest correct strategy: " + c + " — indistinguishable from "
                    + String.join(", ", v.indistinguishableFrom());
            case NO_CORRECT_STRATEGY -> "No strategy is correct.";
        };
    }

    private static String standings(Verdict v) {
        List<List<String>> rows = new ArrayList<>();
        for (Standing s : v.standings()) {
            rows.add(List.of(Html.esc(s.strategy()), status(v, s), role(v, s), String.valueOf(s.violations()),
                    String.valueOf(s.runsAtThreads()), Fmt.num(s.meanLatencyNs()), Fmt.num(s.throughput())));
        }
        String table = Html.table("standings", List.of("strategy", "correctness", "verdict", "violations (all runs)",
                "runs at " + v.threads() + " threads", "mean latency (ns)", "throughput (lookups/s)"), rows, 3);
        // Mark rows for the coloured left border; simpler than threading classes through Html.table.
        for (Standing s : v.standings()) {
            String cls = !s.correct() ? "incorrect" : v.cheapest().map(s.strategy()::equals).orElse(false) ? "winner" : "";
            if (!cls.isEmpty()) {
                table = table.replace("<tr><td>" + Html.esc(s.strategy()) + "</td>",
                        "<tr class=\"" + cls + "\"><td>" + Html.esc(s.strategy()) + "</td>");
            }
        }
        return "<h3>Standings at " + v.threads() + " threads</h3>\n" + table;
    }

    private static String status(Verdict v, Standing s) {
        return s.correct() ? "<span class=\"tag ok\">correct</span>" : "<span class=\"tag bad\">INCORRECT</span>";
    }

    private static String role(Verdict v, Standing s) {
        if (!s.correct()) return "excluded: has violations";
        if (s.runsAtThreads() == 0) return "not run at " + v.threads() + " threads";
        if (v.cheapest().map(s.strategy()::equals).orElse(false)) return "<b>cheapest</b>";
        if (v.indistinguishableFrom().contains(s.strategy())) return "indistinguishable from cheapest";
        if (v.tiedOnLatency().contains(s.strategy())) return "same latency, lower throughput";
        return "dearer";
    }

    /** Metrics shown first; the rest sit in a folded table (they explain, the first three decide). */
    private static final List<Metric> KEY_METRICS = List.of(CheapestRule.PRIMARY, Metric.P99_LATENCY, CheapestRule.TIE_BREAK);

    private static String evidence(Verdict v) {
        if (v.evidence().isEmpty()) return "";
        String cheapest = v.cheapest().orElseThrow();
        List<MetricDifference> key = v.evidence().stream().filter(d -> KEY_METRICS.contains(d.metric())).toList();
        return "<h3>Evidence: each correct strategy against " + Html.esc(cheapest) + "</h3>\n"
                + "<p class=\"muted\">Difference = strategy − " + Html.esc(cheapest) + ", over runs at " + v.threads()
                + " threads. 95% interval: seeded percentile bootstrap of the difference of means (10,000 resamples). "
                + "MW p: two-sided Mann-Whitney U (exact for small untied samples). Better or worse only when both "
                + "agree (interval excludes zero and p &lt; 0.05); otherwise indistinguishable. “too few runs”: "
                + "with these run counts no p-value can fall below 0.05 (3 runs a side: at best 0.1).</p>\n"
                + evidenceTable(cheapest, key)
                + "<details><summary>All metrics (" + v.evidence().size() + " rows)</summary>\n"
                + evidenceTable(cheapest, v.evidence()) + "</details>\n";
    }

    private static String evidenceTable(String cheapest, List<MetricDifference> differences) {
        List<List<String>> rows = new ArrayList<>();
        for (MetricDifference d : differences) {
            rows.add(List.of("<span class=\"nowrap\">" + Html.esc(d.other()) + "</span>",
                    Html.esc(d.metric().label() + unit(d)), Fmt.num(d.baselineMean()), Fmt.num(d.otherMean()),
                    Fmt.signed(d.otherMean() - d.baselineMean()), interval(d), Fmt.percentChange(d.percentChange()),
                    Fmt.pValue(d.mannWhitneyP()), judgement(d)));
        }
        return Html.table("evidence", List.of("strategy", "metric", Html.esc(cheapest), "value", "difference",
                "95% interval", "change", "MW p", "strategy is"), rows, 2);
    }

    static String unit(MetricDifference d) {
        return d.metric().unit().isEmpty() ? "" : " (" + d.metric().unit() + ")";
    }

    static String interval(MetricDifference d) {
        return d.interval().map(i -> "[" + Fmt.signed(i.low()) + ", " + Fmt.signed(i.high()) + "]").orElse("n/a");
    }

    static String judgement(MetricDifference d) {
        Judgement j = d.judgement();
        String cls = j == Judgement.BETTER ? "better" : j == Judgement.WORSE ? "worse" : "muted";
        return "<span class=\"" + cls + "\">" + Html.esc(j.toString()) + "</span>";
    }
}
