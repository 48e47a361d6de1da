package dev.vmalab.traces.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmalab.traces.Fixtures;
import dev.vmalab.traces.event.TraceEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceWriterTest {
    @TempDir
    Path dir;

    @Test
    void failureWhileWritingLeavesNoFileAndKeepsThePreviousOne() throws IOException {
        Path out = dir.resolve("trace.csv.xz");
        Files.writeString(out, "previous");
        Stream<TraceEvent> failing = Stream.concat(Fixtures.oneOfEach().stream(),
                Stream.generate(() -> { throw new IllegalStateException("input broke"); }));
        assertThatThrownBy(() -> {
            try (TraceWriter writer = TraceWriter.create(out)) {
                failing.forEach(writer::write);
                writer.commit();
            }
        }).hasMessage("input broke");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
        assertThat(Files.readString(out)).isEqualTo("previous");
    }

    @Test
    void fileStartsWithVersionCommentAndHeader() throws IOException {
        Path out = dir.resolve("trace.csv");
        try (TraceWriter writer = TraceWriter.create(out)) {
            writer.write(Fixtures.oneOfEach().getFirst());
            writer.commit();
        }
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("# vmalab-trace " + TraceCsv.VERSION);
        assertThat(lines.get(1)).isEqualTo(String.join(",", TraceCsv.COLUMNS));
        assertThat(lines).hasSize(3);
    }
}
