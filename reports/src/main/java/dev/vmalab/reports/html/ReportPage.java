package dev.vmalab.reports.html;

import dev.vmalab.reports.charts.ChartSpec;
import dev.vmalab.reports.charts.ReportCharts;
import dev.vmalab.reports.results.Completeness;
import dev.vmalab.reports.charts.SweepChart;
import dev.vmalab.reports.results.VerdictInputs;
import dev.vmalab.reports.results.ResultFolder;
import dev.vmalab.reports.verdict.Verdict;
import java.util.List;

/** Composes index.html: verdict first (what the reader came for), then the charts, then metadata. */
public final class ReportPage {
    private ReportPage() {}

    public static String html(ResultFolder folder, VerdictInputs inputs, Verdict verdict, ReportCharts charts, String assetDir) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>vmalab report: ").append(Html.esc(folder.name())).append("</h1>\n<p class=\"muted\">")
                .append(Html.esc(folder.machine().getOrDefault("date", "date unknown"))).append(" · ")
                .append(folder.strategies().size()).append(" strategies · threads ")
                .append(Html.esc(folder.threadCounts().toString())).append(" · ")
                .append(folder.summary().stream().map(r -> r.key().run()).distinct().count()).append(" runs · ")
                .append(folder.summary().stream().map(r -> r.key().trace()).distinct().count()).append(" trace(s)</p>\n");
        String command = folder.machine().get("command");
        if (command != null) b.append("<p><code>").append(Html.esc(command)).append("</code></p>\n");
        b.append("<nav><a href=\"#verdict\">Verdict</a><a href=\"#matrix\">Retry matrix</a><a href=\"#paired\">Paired retries</a>"
                + "<a href=\"#workload\">Workload weighting</a>"
                + "<a href=\"#correctness\">Correctness</a>"
                + "<a href=\"#latency\">Latency</a><a href=\"#retries\">Retries &amp; fallbacks</a>"
                + "<a href=\"#scaling\">Scaling</a><a href=\"#nodes\">Nodes visited</a><a href=\"#kernel\">Model vs kernel</a>"
                + "<a href=\"#metadata\">Metadata</a></nav>\n");
        java.util.List<String> skipped = dev.vmalab.reports.results.SkippedInput.of(folder);
        if (!skipped.isEmpty()) { // the same rows left out for every strategy: the comparison stands, on less data
            b.append("<p class=\"banner\" style=\"border:2px solid #c80;padding:.5em\"><b>Traces read leniently.</b> ")
                    .append(Html.esc(String.join("; ", skipped)))
                    .append(". Every strategy replayed the same remaining rows (traces.csv).</p>\n");
        }
        Completeness done = Completeness.of(folder);
        if (done.complete()) {
            b.append(VerdictSection.html(verdict, assetDir, SweepChart.of(verdict)));
        } else { // no verdict from part of the cells: the strategies did not do the same work
            b.append("<section id=\"verdict\"><p class=\"banner\" style=\"border:2px solid #c00;padding:.5em\">"
                    + "<b>Incomplete result folder: no verdict.</b> ").append(Html.esc(done.reason())).append("</p></section>\n");
        }
        b.append(RetrySections.matrix(inputs));
        b.append(RetrySections.paired(inputs));
        b.append(RetrySections.workload(folder.dir(), folder.machine()));
        b.append(CorrectnessSection.html(folder, assetDir));
        b.append(KernelCostSection.html(folder));
        b.append(section("latency", "Latency distribution", charts.latency(), assetDir,
                "Each line adds every lookup of every run; the x axis stretches the tail (1/(1−p), log), as "
                        + "HdrHistogram's percentile plots do.", "No histograms/*.hlog files in this folder."));
        b.append(section("retries", "Retries, aborts and fallbacks", concat(charts.retries(), charts.rates()), assetDir,
                "", ""));
        b.append(section("scaling", "Scaling with threads", charts.scaling(), assetDir, "", ""));
        b.append(section("nodes", "Maple nodes visited per lookup", charts.nodes(), assetDir, "", ""));
        b.append(KernelSection.html(folder));
        b.append(MetadataSection.html(folder));
        b.append("<p class=\"muted\">Every number on this page comes from the files of this folder; the charts' "
                + "numbers are in the CSV and JSON next to each PNG under ").append(Html.link(assetDir + "/", assetDir + "/"))
                .append(".</p>\n");
        return PageShell.wrap("vmalab report: " + folder.name(), b.toString());
    }

    private static List<ChartSpec> concat(List<ChartSpec> a, List<ChartSpec> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String section(String id, String title, List<ChartSpec> specs, String assetDir, String caption,
            String whenEmpty) {
        StringBuilder b = new StringBuilder("<h2 id=\"" + id + "\">" + Html.esc(title) + "</h2>\n");
        if (specs.isEmpty()) return b.append("<p class=\"muted\">").append(Html.esc(whenEmpty)).append("</p>\n").toString();
        for (ChartSpec s : specs) b.append(Figure.html(assetDir, s, caption));
        return b.toString();
    }
}
