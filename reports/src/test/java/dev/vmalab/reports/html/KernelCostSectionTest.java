package dev.vmalab.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.reports.fixtures.FixtureFolder;
import dev.vmalab.reports.results.ResultFolder;
import dev.vmalab.reports.results.ResultFolderReader;
import dev.vmalab.reports.results.SummaryRow;
import dev.vmalab.reports.results.UnitCosts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelCostSectionTest {
    @TempDir
    Path dir;

    private ResultFolder folder() {
        return ResultFolderReader.read(FixtureFolder.sixStrategies(List.of(1), 1, 500, 3).writeTo(dir));
    }

    @Test
    void eachStrategysCountsArePricedWithTheUnitCostsItNames() {
        ResultFolder f = folder();
        UnitCosts c = new UnitCosts(10, 1000, 2000, true, "calibration.properties (test machine)");
        String html = KernelCostSection.html(f, c);
        assertThat(html).contains("calibration.properties (test machine)");
        String strategy = f.strategies().getFirst();
        double lookups = 0, nodes = 0, fallbacks = 0;
        for (SummaryRow r : f.summary()) {
            if (!r.strategy().equals(strategy)) continue;
            lookups += r.lookups();
            nodes += r.nodesPerLookup() * r.lookups();
            fallbacks += r.fallback();
        }
        double total = nodes / lookups * 10 + fallbacks / lookups * 1000;
        assertThat(html).contains("<td>" + strategy + "</td><td class=\"n\">1</td>")
                .contains("<td class=\"n\">" + Fmt.num(total) + "</td><td class=\"n\">" + Fmt.num(100 * total / 2000) + "</td>");
    }

    @Test
    void withoutCalibrationTheUnknownCostsShowAsNotAvailable() {
        String html = KernelCostSection.html(folder());
        assertThat(html).contains("no calibration.properties").contains("n/a").contains("run ./vmalab calibrate");
    }
}
