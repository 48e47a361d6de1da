package dev.vmalab.traces.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vmalab.traces.perf.ImportSummary;
import dev.vmalab.traces.perf.PerfScriptReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class PerfRecorderTest {
    /** The uprobe events of --maps-readers (package-private in record). */
    public static List<String> mapsReaderEvents() {
        return MapsReaderProbes.EVENTS;
    }

    @TempDir
    Path dir;

    @Test
    void missingPerfSaysToInstallIt() {
        PerfRecorder recorder = new PerfRecorder(new PerfRecorder.Options("/nonexistent/perf", "64M", false));
        Path out = dir.resolve("t.csv.zst");
        assertThatThrownBy(() -> recorder.record(List.of("true"), out))
                .isInstanceOf(PerfUnavailableException.class).hasMessageContaining("apt-get install linux-perf");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void perfThatFailsSaysWhatToChange() throws Exception {
        Path fakePerf = dir.resolve("perf");
        Files.writeString(fakePerf, "#!/bin/sh\necho 'Access to performance monitoring is limited' >&2\nexit 255\n");
        assertThat(fakePerf.toFile().setExecutable(true)).isTrue();
        PerfRecorder recorder = new PerfRecorder(new PerfRecorder.Options(fakePerf.toString(), "64M", false));
        assertThatThrownBy(() -> recorder.record(List.of("true"), dir.resolve("t.csv")))
                .isInstanceOf(PerfUnavailableException.class)
                .hasMessageContaining("Access to performance monitoring is limited")
                .hasMessageContaining("run as root")
                .hasMessageContaining("kernel.perf_event_paranoid=1");
    }

    @Test
    void everyRecordedEventIsOneTheImporterReads() {
        assertThat(PerfRecorder.EVENTS).allMatch(PerfScriptReader::understands);
        // "name/call-graph=.../": perf's per-event terms are not part of the name perf script prints.
        assertThat(PerfRecorder.MMAP_LOCK_EVENTS).allMatch(e -> PerfScriptReader.understands(e.split("/")[0]));
    }

    @Test
    void mmapLockTracepointsAreFoundInTracefsOrTheRecordingGoesOnWithout() throws Exception {
        Path root = dir.resolve("tracing");
        assertThat(PerfRecorder.hasMmapLockTracepoints(List.of(root))).isFalse();
        for (String e : List.of("mmap_lock_start_locking", "mmap_lock_acquire_returned", "mmap_lock_released")) {
            Files.createDirectories(root.resolve("events/mmap_lock").resolve(e));
        }
        assertThat(PerfRecorder.hasMmapLockTracepoints(List.of(dir.resolve("none"), root))).isTrue();
    }

    /** Runs only where perf can record (root, or paranoid <= 1 with readable tracepoints). */
    @Test
    void recordingARealCommandGivesAnImportedTrace() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/perf")), "perf is not installed");
        Path out = dir.resolve("true.csv.zst");
        PerfRecorder recorder = new PerfRecorder(PerfRecorder.Options.DEFAULT);
        ImportSummary summary;
        try {
            summary = recorder.record(List.of("/bin/sh", "-c", "true"), out);
        } catch (PerfUnavailableException e) {
            assumeTrue(false, "perf may not record here: " + e.getMessage());
            return;
        }
        assertThat(summary.processes()).isPositive();
        assertThat(summary.events("fault")).isPositive();
        assertThat(Files.size(out)).isPositive();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(out); // perf.data and the temp dir are gone
        }
    }
}
