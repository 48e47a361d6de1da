package dev.vmalab.reports.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmalab.reports.fixtures.FixtureFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitCostsTest {
    @TempDir
    Path dir;

    private ResultFolder folder() {
        return ResultFolderReader.read(FixtureFolder.sixStrategies(List.of(1), 1, 500, 3).writeTo(dir));
    }

    @Test
    void aCalibrationFileInTheFolderGivesTheKernelsCostsAndNamesItsMachine() throws IOException {
        ResultFolder f = folder();
        Files.writeString(dir.resolve(UnitCosts.FILE), """
                # vmalab calibration
                format=vmalab-calibration-1
                kernel=6.18.44
                cpu_model=Test CPU
                cores=2
                node_read_ns=12.5
                node_read_ns.how=walks
                per_vma_fault_ns=1400.0
                """);
        UnitCosts c = UnitCosts.of(f);
        assertThat(c.calibrated()).isTrue();
        assertThat(c.nodeReadNs()).isEqualTo(12.5);
        assertThat(c.perVmaFaultNs()).isEqualTo(1400.0);
        assertThat(c.abortFallbackNs()).as("not measured on that machine").isNaN();
        assertThat(c.source()).contains("calibration.properties", "6.18.44", "Test CPU");
    }

    @Test
    void withoutOneTheModelsOwnNsPerNodeReadIsUsedAndSaidSo() {
        ResultFolder f = folder();
        UnitCosts c = UnitCosts.of(f);
        assertThat(c.calibrated()).isFalse();
        double ns = 0, nodes = 0;
        for (SummaryRow r : f.summary()) {
            ns += r.meanNs() * r.lookups();
            nodes += r.nodesPerLookup() * r.lookups();
        }
        assertThat(c.nodeReadNs()).isCloseTo(ns / nodes, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.abortFallbackNs()).isNaN();
        assertThat(c.source()).contains("no calibration.properties", "model's own");
    }

    @Test
    void aBadCostIsRejectedWithItsLine() throws IOException {
        Path file = dir.resolve(UnitCosts.FILE);
        Files.writeString(file, "format=vmalab-calibration-1\nnode_read_ns=fast\n");
        assertThatThrownBy(() -> UnitCosts.read(file)).isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("calibration.properties:2").hasMessageContaining("node_read_ns");
        Files.writeString(file, "node_read_ns=1\n");
        assertThatThrownBy(() -> UnitCosts.read(file)).hasMessageContaining("not a vmalab calibration file");
    }
}
