package dev.vmalab.reports.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vmalab.reports.results.ResultFolderReader;
import dev.vmalab.reports.results.VerdictInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "% of a lookup" divides the extra ns by a lookup's cost in the same units as the unit costs
 * that priced them: the model's JVM ns without calibration, the kernel's per-VMA fault with it,
 * and nothing (n/a) where kernel and model costs would mix.
 */
class PercentOfLookupUnitsTest {
    @TempDir
    Path dir;

    private ClassCost dearest(String calibration) throws IOException {
        VerdictFixture f = VerdictCalculatorTest.huntAll(VerdictCalculatorTest.sweep(VerdictCalculatorTest.matrix(
                VerdictCalculatorTest.timed(new VerdictFixture()))), 3);
        Path d = f.writeTo(dir);
        if (calibration != null) Files.writeString(d.resolve("calibration.properties"), "format=vmalab-calibration-1\n" + calibration);
        Verdict v = VerdictCalculator.standard().decide(ResultFolderReader.read(d), VerdictInputs.read(d));
        return v.regimes().stream().flatMap(r -> r.costs().stream())
                .max(java.util.Comparator.comparingDouble(ClassCost::extraNsPerFault)).orElseThrow();
    }

    @Test
    void withoutCalibrationItIsOfTheModelsLookup() throws IOException {
        ClassCost c = dearest(null);
        assertThat(c.extraNsPerFault()).isPositive();
        assertThat(c.percentBasis()).contains("model").contains("JVM ns");
        assertThat(c.percentOfReference()).isFinite();
    }

    @Test
    void withTheKernelsCostsItIsOfTheKernelsPerVmaFault() throws IOException {
        ClassCost c = dearest("node_read_ns=10\nabort_fallback_ns=1000\nper_vma_fault_ns=2000\n");
        assertThat(c.percentBasis()).contains("kernel per-VMA fault");
        assertThat(c.percentOfReference()).isCloseTo(100 * c.extraNsPerFault() / 2000, within(1e-9));
    }

    @Test
    void kernelCostsWithoutAKernelFaultCostOrMixedWithTheModelsHaveNoPercentage() throws IOException {
        assertThat(dearest("node_read_ns=10\nabort_fallback_ns=1000\n").percentOfReference()).isNaN();
        Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        ClassCost mixed = dearest("node_read_ns=10\nper_vma_fault_ns=2000\n");
        assertThat(mixed.percentOfReference()).isNaN();
        assertThat(mixed.percentBasis()).contains("partly the kernel's, partly the model's");
    }
}
