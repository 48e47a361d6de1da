package dev.vmalab.traces.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.traces.Fixtures;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.perf.ImportOptions;
import dev.vmalab.traces.perf.PerfScriptReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceRoundTripTest {
    @TempDir
    Path dir;

    private List<TraceEvent> writeAndRead(List<TraceEvent> events, String fileName) throws IOException {
        Path file = dir.resolve(fileName);
        try (TraceWriter writer = TraceWriter.create(file)) {
            events.forEach(writer::write);
            writer.commit();
        }
        return Fixtures.readAll(new CsvTraceReader(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"t.csv", "t.csv.gz", "t.csv.xz", "t.csv.zst"})
    void everyEventTypeSurvivesWriteThenRead(String fileName) throws IOException {
        List<TraceEvent> events = Fixtures.oneOfEach();
        assertThat(writeAndRead(events, fileName)).containsExactlyElementsOf(events);
    }

    @ParameterizedTest
    @ValueSource(strings = {"t.csv", "t.csv.gz", "t.csv.xz", "t.csv.zst"})
    void importedSampleSurvivesWriteThenRead(String fileName) throws IOException {
        List<TraceEvent> imported = Fixtures.readAll(
                new PerfScriptReader(Fixtures.SAMPLES.resolve("jvm-workers.perf.xz"), ImportOptions.STRICT));
        assertThat(imported).hasSizeGreaterThan(1000);
        assertThat(writeAndRead(imported, fileName)).containsExactlyElementsOf(imported);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcc-hello", "jvm-workers", "sort-parallel2", "xz-t2"})
    void committedTraceEqualsAFreshImportOfItsPerfScript(String sample) {
        List<TraceEvent> fresh = Fixtures.readAll(
                new PerfScriptReader(Fixtures.SAMPLES.resolve(sample + ".perf.xz"), ImportOptions.STRICT));
        List<TraceEvent> committed = Fixtures.readAll(new CsvTraceReader(Fixtures.SAMPLES.resolve(sample + ".csv.zst")));
        assertThat(committed).containsExactlyElementsOf(fresh);
    }
}
