package dev.vmalab.reports;

import dev.vmalab.reports.charts.ChartFiles;
import dev.vmalab.reports.charts.ChartRenderer;
import dev.vmalab.reports.charts.Palette;
import dev.vmalab.reports.charts.ReportCharts;
import dev.vmalab.reports.charts.SweepChart;
import dev.vmalab.reports.html.ReportPage;
import dev.vmalab.reports.io.AtomicFiles;
import dev.vmalab.reports.io.CsvOut;
import dev.vmalab.reports.metrics.RunMeasure;
import dev.vmalab.reports.metrics.RunMeasureFiles;
import dev.vmalab.reports.metrics.RunMeasures;
import dev.vmalab.reports.results.ResultFolder;
import dev.vmalab.reports.results.ResultFolderReader;
import dev.vmalab.reports.results.SummaryRow;
import dev.vmalab.reports.results.VerdictInputs;
import dev.vmalab.reports.verdict.Verdict;
import dev.vmalab.reports.verdict.VerdictCalculator;
import dev.vmalab.reports.verdict.VerdictFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a result folder into {@code DIR/index.html} plus {@code DIR/report/} (PNG charts, each
 * with a CSV and a JSON of its numbers, and the verdict's tables), and returns the verdict.
 *
 * <pre>{@code
 * Verdict v = ReportGenerator.render(resultDir);   // after a replay
 * System.out.println(v.headline());
 * }</pre>
 *
 * Throws {@link dev.vmalab.reports.results.ResultFormatException} naming the file and line when
 * the folder does not follow docs/result-format.md.
 */
public final class ReportGenerator {
    /** Folder, under the result folder, for everything index.html links to that the replay did not write. */
    public static final String ASSET_DIR = "report";

    private ReportGenerator() {}

    public static Verdict render(Path dir) {
        ResultFolder folder = ResultFolderReader.read(dir);
        dev.vmalab.reports.results.Completeness.of(folder); // files that disagree are refused before anything is written
        List<RunMeasure> measures = RunMeasures.of(folder.summary());
        VerdictInputs inputs = VerdictInputs.read(dir);
        Verdict verdict = VerdictCalculator.standard().decide(folder, inputs);
        ReportCharts charts = ReportCharts.of(folder, measures);

        Path assets = dir.resolve(ASSET_DIR);
        ChartFiles chartFiles = new ChartFiles(assets, new ChartRenderer(new Palette(folder.strategies())));
        // Charts are independent; XChart charts share no mutable state, so render them in parallel.
        charts.all().parallelStream().forEach(chartFiles::write);
        if (verdict.regimes().size() > 1 && verdict.regimes().stream().anyMatch(r -> !r.costs().isEmpty())) {
            chartFiles.write(SweepChart.of(verdict));
        }
        RunMeasureFiles.write(assets.resolve("run-measures.csv"), measures);
        VerdictFiles.write(assets, verdict);
        writeCorrectness(assets.resolve("correctness.csv"), folder);
        // index.html last: once it exists, everything it links to does too.
        AtomicFiles.writeString(dir.resolve("index.html"), ReportPage.html(folder, inputs, verdict, charts, ASSET_DIR));
        return verdict;
    }

    private static void writeCorrectness(Path file, ResultFolder folder) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (SummaryRow r : folder.summary()) {
            long[] c = counts.computeIfAbsent(r.strategy(), s -> new long[6]);
            c[0] += r.useAfterFree();
            c[1] += r.staleNode();
            c[2] += r.rcuNotHeld();
            c[3] += r.wrongVma();
            c[4] += r.staleRcuSection();
            c[5] += r.violations();
        }
        CsvOut.write(file, List.of("strategy", "use_after_free", "stale_node", "rcu_not_held", "wrong_vma", "stale_rcu_section",
                        "violations"),
                counts.entrySet().stream().map(e -> List.<Object>of(e.getKey(), e.getValue()[0], e.getValue()[1],
                        e.getValue()[2], e.getValue()[3], e.getValue()[4], e.getValue()[5])).toList());
    }
}
