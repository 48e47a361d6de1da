package dev.vmalab.traces.perf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.traces.Fixtures;
import dev.vmalab.traces.event.MapsRead;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.io.TraceSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real {@code perf script --ns} text of {@code vmalab record --maps-readers}' event set (the uprobes on
 * libc's open64/openat64 included) on traces/samples/src/malloc-stress.c with 1 round: its main thread
 * opens /proc/self/maps once (fopen: open64 with the path in %di).
 */
class MapsReaderImportTest {
    private static final String FIXTURE = "maps-reader.perf.xz";

    @Test
    void anOpenOfProcSelfMapsBecomesAMapsReadOfItsOwnProcess() throws IOException {
        List<TraceEvent> events = Fixtures.readAll(new PerfScriptReader(Fixtures.perfFixture(FIXTURE),
                ImportOptions.STRICT));
        long opensOfMaps;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                TraceSource.of(Fixtures.perfFixture(FIXTURE)).open().in(), StandardCharsets.UTF_8))) {
            opensOfMaps = r.lines().filter(l -> l.contains("probe_libc:vmalab_open") && l.matches(
                    ".*path=\"/proc/(self|\\d+)/maps\".*")).count();
        }
        List<MapsRead> reads = events.stream().filter(e -> e instanceof MapsRead).map(e -> (MapsRead) e).toList();
        assertThat(reads).hasSize((int) opensOfMaps).isNotEmpty();
        assertThat(reads).allSatisfy(m -> assertThat(m.targetPid()).isEqualTo(m.pid()));
    }

    @Test
    void everyRecordedUprobeIsOneTheImporterReads() {
        assertThat(dev.vmalab.traces.record.PerfRecorderTest.mapsReaderEvents()).allMatch(PerfScriptReader::understands);
    }
}
