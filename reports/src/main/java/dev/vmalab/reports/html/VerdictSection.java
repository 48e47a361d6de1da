package dev.vmalab.reports.html;

import dev.vmalab.reports.charts.ChartSpec;
import dev.vmalab.reports.metrics.Judgement;
import dev.vmalab.reports.metrics.MetricDifference;
import dev.vmalab.reports.verdict.AbTable;
import dev.vmalab.reports.verdict.CheapestRule;
import dev.vmalab.reports.verdict.ClassCost;
import dev.vmalab.reports.verdict.EquivalenceClass;
import dev.vmalab.reports.verdict.Regime;
import dev.vmalab.reports.verdict.Standing;
import dev.vmalab.reports.verdict.TimingStability;
import dev.vmalab.reports.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;

/** The verdict panel: the answer, the standings, the classes, the cost per regime, the A/A floor and the A/B table. */
final class VerdictSection {
    private VerdictSection() {}

    static String html(Verdict v, String assetDir, ChartSpec sweep) {
        StringBuilder b = new StringBuilder("<h2 id=\"verdict\">Verdict</h2>\n");
        boolean none = v.cheapest().isEmpty();
        b.append("<div class=\"verdict").append(none ? " none" : "").append("\">\n<p class=\"answer\">")
                .append(Html.esc(answer(v))).append("</p>\n<p>").append(Html.esc(v.headline())).append("</p>\n");
        b.append("<p class=\"muted\"><b>Rule.</b> ").append(Html.esc(CheapestRule.TEXT)).append("</p>\n</div>\n");
        b.append(standings(v));
        b.append(classes(v));
        b.append(regimes(v));
        if (v.regimes().size() > 1 && v.regimes().stream().anyMatch(r -> !r.costs().isEmpty())) {
            b.append(Figure.html(assetDir, sweep, v.separatingRetriesPerMillion()
                    .map(r -> "The classes' costs separate (significant and above the A/A floor) from " + Fmt.num(r)
                            + " retries per million faults.").orElse("No level separates the classes' costs.")));
        }
        b.append(noise(v));
        b.append(stability(v, assetDir));
        b.append("<h3>A/B table (paste into a mail)</h3>\n<pre class=\"ab\">").append(Html.esc(AbTable.text(v.ab(), v.threads())))
                .append("</pre>\n");
        b.append(evidence(v));
        b.append("<p class=\"muted\">Data: ").append(Html.link(assetDir + "/verdict.json", "verdict.json")).append(" · ")
                .append(Html.link(assetDir + "/standings.csv", "standings.csv")).append(" · ")
                .append(Html.link(assetDir + "/class-costs.csv", "class-costs.csv")).append(" · ")
                .append(Html.link(assetDir + "/ab-table.txt", "ab-table.txt")).append(" · ")
                .append(Html.link(assetDir + "/evidence.csv", "evidence.csv")).append(" · ")
                .append(Html.link(assetDir + "/run-measures.csv", "run-measures.csv")).append("</p>\n");
        return b.toString();
    }

    private static String answer(Verdict v) {
        return switch (v.status()) {
            case CHEAPEST -> "Cheapest correct: " + String.join(" = ", v.cheapestClass());
            case ONLY_CORRECT_CLASS -> "The only correct class: " + String.join(" = ", v.cheapestClass());
            case CHEAPEST_TIED -> "No single cheapest: tied within the A/A noise floor: " + String.join(", ", v.cheapestClass())
                    + " (the other correct classes cost more; see the cost table).";
            case SAME_COST -> "The correct strategies cost the same (no measured level separates them).";
            case DEPENDS_ON_REGIME -> "No single cheapest: it depends on the retry rate (see the cost table).";
            case COST_NOT_ESTABLISHED -> "Cost not established: this folder has no paired retry accounting and no matrix.";
            case CORRECTNESS_NOT_ESTABLISHED -> "Correctness not established: no hunt ran. No cheapest is named.";
            case NO_CORRECT_STRATEGY -> "No strategy is correct: every hunted strategy was caught.";
        };
    }

    private static String standings(Verdict v) {
        List<List<String>> rows = new ArrayList<>();
        for (Standing s : v.standings()) {
            String tag = s.correct() ? "<span class=\"tag ok\">correct</span>"
                    : s.correctness() == dev.vmalab.reports.verdict.Correctness.NOT_ESTABLISHED
                    ? "<span class=\"tag warn\">not established</span>" : "<span class=\"tag bad\">INCORRECT</span>";
            rows.add(List.of(Html.esc(s.strategy()), tag + " <span class=\"muted\">" + Html.esc(s.correctness().toString())
                    + "</span>", Html.esc(s.equivalenceClass()), String.valueOf(s.violations()),
                    String.valueOf(s.huntViolations()), String.valueOf(s.huntSteps()), String.valueOf(s.runsAtThreads()),
                    Fmt.num(s.meanLatencyNs()) + " ± " + Fmt.num(s.sdLatencyNs())));
        }
        String table = Html.table("standings", List.of("strategy", "correctness", "class", "violations (replay, summary.csv)",
                "violations (hunt)", "hunt steps", "timed runs at " + v.threads() + " threads", "mean latency ± SD (ns, JVM)"), rows, 3);
        String repro = v.standings().stream().filter(s -> !s.huntRepro().isEmpty())
                .map(s -> "<li>" + Html.esc(s.strategy()) + ": <code class=\"repro\">" + Html.esc(s.huntRepro()) + "</code></li>")
                .reduce("", String::concat);
        return "<h3>Standings</h3>\n" + table + (repro.isEmpty() ? "" : "<p>Hunt repro commands:</p><ul>" + repro + "</ul>\n");
    }

    private static String classes(Verdict v) {
        StringBuilder b = new StringBuilder("<h3>Equivalence classes</h3>\n");
        if (v.classesFrom().isEmpty()) {
            return b.append("<p class=\"muted\">No paired retry events and no retry matrix in this folder: every strategy "
                    + "is its own class and no cost can be computed.</p>\n").toString();
        }
        b.append("<ul>");
        for (EquivalenceClass c : v.classes()) b.append("<li>").append(Html.esc(c.name())).append("</li>");
        b.append("</ul>\n<p class=\"muted\">From ").append(Html.esc(v.classesFrom())).append(": members of a class "
                + "did the same on every paired event and scenario, so the kernel would run the same walk for them; "
                + "their JVM-time differences are the JVM's (JIT, layout, GC) and the verdict does not rank within a class.</p>\n");
        return b.toString();
    }

    private static String regimes(Verdict v) {
        if (v.regimes().stream().allMatch(r -> r.costs().isEmpty())) return "";
        List<List<String>> rows = new ArrayList<>();
        for (Regime r : v.regimes()) {
            for (ClassCost c : r.costs()) {
                rows.add(List.of(r.workload() ? "workload" : Fmt.num(100 * r.contentionTarget()) + "%",
                        Fmt.num(r.retriesPerMillion()), String.valueOf(r.pairedEvents()), Html.esc(c.className()),
                        Fmt.signed(c.extraNsPerFault()), c.interval().map(i -> "[" + Fmt.signed(i.low()) + ", "
                                + Fmt.signed(i.high()) + "]").orElse("n/a"), String.valueOf(c.extraAborts()),
                        String.valueOf(c.extraNodes()), Fmt.num(c.extraAbortsPerMillion()), Fmt.percentChange(c.percentOfReference())));
            }
            if (!r.separated().isEmpty()) {
                rows.add(List.of("", "", "", "<b>separated</b>", Html.esc(String.join("; ", r.separated())), "", "", "", "", ""));
            }
        }
        return "<h3>Cost per fault by regime (vs " + Html.esc(v.reference()) + ", " + v.threads() + " threads)</h3>\n"
                + Html.table("costs", List.of("level", "retries per million (reached)", "paired events", "class",
                "extra ns per fault", "95% interval", "extra aborts", "extra node reads", "extra aborts per million",
                "% of a lookup (units below)"), rows, i -> i == 1 || i == 2 || i >= 4)
                + "<p class=\"muted\">The last column is " + Html.esc(percentBasis(v))
                + " (the extra ns and their denominator are always in the same units).</p>\n"
                + "<p class=\"muted\">Unit costs: node read " + Fmt.num(v.unitCosts().nodeReadNs()) + " ns, abort with "
                + "mmap_lock fallback " + Fmt.num(v.unitCosts().abortFallbackNs()) + " ns. Source: "
                + Html.esc(v.unitCosts().source()) + ".</p>\n";
    }

    private static String percentBasis(Verdict v) {
        return v.regimes().stream().flatMap(r -> r.costs().stream()).map(ClassCost::percentBasis).distinct()
                .reduce((a, b) -> a + "; " + b).orElse("n/a");
    }

    private static String noise(Verdict v) {
        StringBuilder b = new StringBuilder("<h3>A/A control (noise floor)</h3>\n<p>");
        if (v.noise().difference().isEmpty()) {
            return b.append("No A/A control (").append(Html.esc(v.noise().control())).append(") in this folder: the noise "
                    + "floor is unknown, so no class is called cheaper than another.</p>\n").toString();
        }
        MetricDifference d = v.noise().difference().get();
        b.append(Html.esc(d.other())).append(" − ").append(Html.esc(d.baseline())).append(": ")
                .append(Fmt.signed(d.otherMean() - d.baselineMean())).append(" ns mean latency, 95% interval ")
                .append(interval(d)).append(", MW p ").append(Fmt.pValue(d.mannWhitneyP())).append(": ")
                .append(judgement(d)).append(". Noise floor: ").append(Fmt.num(v.noise().ns())).append(" ns per lookup.");
        if (v.noise().judgedDifferent()) {
            b.append(" <span class=\"tag bad\">A/A judged different</span> the same code timed differently: this "
                    + "folder's timings cannot rank anything.");
        }
        return b.append("</p>\n").toString();
    }

    /** Per (trace, threads, strategy): the kept runs' mean latency, its CV (marked over the limit), runs and passes kept. */
    private static String stability(Verdict v, String assetDir) {
        TimingStability t = v.stability();
        StringBuilder b = new StringBuilder("<h3 id=\"timing-stability\">Timing stability</h3>\n<p>")
                .append(Html.esc(t.line())).append(".</p>\n");
        if (t.rows().isEmpty()) return b.toString();
        List<List<String>> rows = new ArrayList<>();
        for (TimingStability.Row r : t.rows()) {
            String cv = Double.isNaN(r.cvPercent()) ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f%%", r.cvPercent());
            String rawCv = Double.isNaN(r.rawCvPercent()) ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f%%", r.rawCvPercent());
            rows.add(List.of(Html.esc(r.trace()), String.valueOf(r.threads()), "<span class=\"nowrap\">" + Html.esc(r.strategy())
                            + "</span>", r.kept() == 0 ? "n/a" : Fmt.num(r.meanNs()),
                    r.marked() ? "<span class=\"worse\">" + cv + " ✗</span>" : cv, rawCv,
                    r.kept() + " / " + r.discarded(),
                    r.passes() < 0 ? "n/a" : r.keptPasses() + " / " + r.passes(),
                    Html.esc(String.join(" ", r.runMeans().stream().map(Fmt::num).toList()))));
        }
        b.append(Html.table("stability", List.of("trace", "threads", "strategy", "mean of run means (ns)",
                "CV of run means", "before the machine factor", "runs kept / discarded", "passes kept / replayed",
                "per-run mean latency (ns, kept runs)"), rows, i -> i == 1 || (i >= 3 && i <= 7)));
        if (!t.aa().isEmpty()) {
            List<List<String>> aa = new ArrayList<>();
            for (TimingStability.AaTrace a : t.aa()) {
                MetricDifference d = a.difference();
                aa.add(List.of(Html.esc(a.trace()), String.valueOf(a.threads()), Fmt.num(d.baselineMean()),
                        Fmt.num(d.otherMean()), Fmt.signed(d.otherMean() - d.baselineMean()), interval(d),
                        Fmt.pValue(d.mannWhitneyP()), Fmt.pValue(a.holmP()), a.judgedDifferent() ? "<span class=\"tag bad\">judged different</span>"
                                : judgement(d)));
            }
            String control = t.aa().getFirst().difference().other(), base = t.aa().getFirst().difference().baseline();
            b.append("<p>A/A control per trace: ").append(Html.esc(control)).append(" against ").append(Html.esc(base))
                    .append(" on the kept runs' mean latency.</p>\n");
            b.append(Html.table("aa", List.of("trace", "threads", Html.esc(base) + " (ns)", Html.esc(control) + " (ns)",
                    "difference", "95% interval", "MW p", "Holm p", "A/A is"), aa, i -> i >= 1 && i <= 7));
            if (t.aaPooled() != null) {
                b.append("<p>Pooled over the ").append(t.aaPooled().rows()).append(" trace x threads (mean of control / reference − 1; ")
                        .append("stratified permutation test, stratified bootstrap interval): ")
                        .append(Html.esc(String.format(java.util.Locale.ROOT, "%+.2f%% [%+.2f%%, %+.2f%%], p = %.3f",
                                t.aaPooled().percent(), t.aaPooled().interval().low(), t.aaPooled().interval().high(), t.aaPooled().p())))
                        .append(t.aaPooled().judgedDifferent() ? " <span class=\"tag bad\">judged different</span>" : ": not different")
                        .append(". Each row's p is Holm-adjusted over the rows: the same code compared ten times at 5 runs a side ")
                        .append("is called different by chance once in four folders unadjusted.</p>\n");
            }
        }
        b.append("<p class=\"muted\">Per-run mean latency from ").append(Html.esc(t.source()))
                .append("; CV = SD / mean over the kept runs, marked ✗ above ")
                .append(Fmt.num(TimingStability.CV_LIMIT_PERCENT)).append("% or with fewer than 2 kept runs; each pass is first ")
                .append("divided by its machine factor, the speed at that moment of the other strategies' passes around it ")
                .append("(each against its own median); \"before the machine factor\" is the CV without it. Rule: ")
                .append(Html.esc(t.rule())).append(" Data: ")
                .append(Html.link(assetDir + "/timing-stability.csv", "timing-stability.csv")).append(".</p>\n");
        return b.toString();
    }

    private static String evidence(Verdict v) {
        if (v.evidence().isEmpty()) return "";
        List<List<String>> rows = new ArrayList<>();
        for (MetricDifference d : v.evidence()) {
            rows.add(List.of("<span class=\"nowrap\">" + Html.esc(d.other()) + "</span>",
                    Html.esc(d.metric().label() + unit(d)), Fmt.num(d.baselineMean()), Fmt.num(d.otherMean()),
                    Fmt.signed(d.otherMean() - d.baselineMean()), interval(d), Fmt.percentChange(d.percentChange()),
                    Fmt.pValue(d.mannWhitneyP()), judgement(d)));
        }
        return "<details><summary>Timing evidence against " + Html.esc(v.reference()) + " (JVM time, " + v.evidence().size()
                + " rows; informs, does not rank within a class)</summary>\n"
                + Html.table("evidence", List.of("strategy", "metric", Html.esc(v.reference()), "value", "difference",
                "95% interval", "change", "MW p", "strategy is"), rows, 2) + "</details>\n";
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
