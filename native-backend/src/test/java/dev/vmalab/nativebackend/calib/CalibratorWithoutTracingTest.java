package dev.vmalab.nativebackend.calib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.nativebackend.NativeTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A machine without tracefs or the mmap_lock tracepoints: calibrate says so in one line and measures the rest. */
@Timeout(300)
class CalibratorWithoutTracingTest {
    @TempDir
    Path dir;

    @Test
    void withoutTheTracepointsTheFallbackIsNotPricedAndEverythingElseIs() throws Exception {
        List<String> notes = new ArrayList<>();
        Calibrator c = new Calibrator(new CalibrationPrograms(NativeTestSupport.build()),
                new Calibrator.Sizes(512, 128, 3, 64, 1, 200, 20_000, 3), notes::add);
        Files.createDirectories(dir.resolve("instances"));
        c.tracefs = dir; // instances/ but no events/mmap_lock
        Map<String, String> out = c.run();
        assertThat(notes).hasSize(1).allSatisfy(n -> assertThat(n).doesNotContain("\n")
                .contains("mmap_lock tracing unavailable", "no mmap_lock tracepoints", "abort_fallback_ns not measured"));
        assertThat(out).containsKeys("per_vma_fault_ns", "anon_trylock_ns", "walk_root_ns", "walk_resumed_ns", "node_read_ns")
                .doesNotContainKey("abort_fallback_ns");
        assertThat(out.get("tracing")).startsWith("unavailable: this kernel has no mmap_lock tracepoints");
        assertThat(Double.parseDouble(out.get("per_vma_fault_ns"))).isPositive();
    }
}
