package dev.vmalab.reports.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.reports.ReportGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdict as the page and verdict.json show it, from a folder with hunts, matrix, paired rows and a sweep. */
class VerdictRenderTest {
    @TempDir
    Path dir;

    @Test
    void verdictJsonKeepsCheapestAndStandingsAndAddsClassesAndRegime() throws IOException {
        VerdictCalculatorTest.huntAll(VerdictCalculatorTest.sweep(VerdictCalculatorTest.matrix(
                VerdictCalculatorTest.timed(new VerdictFixture()))), 3).writeTo(dir);
        Verdict v = ReportGenerator.render(dir);
        String json = Files.readString(dir.resolve("report/verdict.json"));
        assertThat(json).contains("\"cheapest\": \"mas-set\"")
                .contains("\"strategy\": \"no-reset\",\n      \"correct\": false")
                .contains("\"members\": [\"mas-set\", \"full-reinit\", \"iter-passed-down\"]")
                .contains("\"workload_retries_per_million\": 40")
                .contains("\"separating_retries_per_million\": 10000");
        String html = Files.readString(dir.resolve("index.html"));
        assertThat(html).contains("id=\"matrix\"").contains("ABORT_RANGE").contains("id=\"paired\"")
                .contains("A/A control (noise floor)").contains(v.headline().substring(0, 40));
        assertThat(dir.resolve("report/" + dev.vmalab.reports.charts.SweepChart.ID + ".png")).exists();
        assertThat(Files.readString(dir.resolve("report/ab-table.txt"))).contains("mas-set (base)").contains("mas-set#aa");
    }
}
