package dev.vmalab.traces.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmalab.traces.Fixtures;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.io.TraceSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trace CSV reader, strict and lenient: each kind of bad row stops a strict read with file,
 * line and reason, and a lenient read skips exactly that row and counts it under its reason; a
 * cut compressed trace (every format) is read up to the damage, strict naming the line it ended
 * at, lenient keeping the rows before it.
 */
class LenientReadTest {
    @TempDir
    Path dir;

    /** The first 400 lines of a bundled sample: version line, header, 398 rows in time order. */
    private static List<String> good() throws IOException {
        try (InputStream in = TraceSource.of(Fixtures.SAMPLES.resolve("xz-t2.csv.zst")).open().in()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(400).toList();
        }
    }

    /** One bad row each (trace format 3: 27 columns), placed as line 201 (between good rows, so the read goes on past it). */
    enum Bad {
        SHORT_ROW(CsvTraceReader.WRONG_COLUMNS, "expected 27 columns, found 4", "888125055000,12006,12006,fault"),
        BAD_NUMBER(CsvTraceReader.BAD_VALUE, "column addr: not a number: '0xzz'",
                "888125055000,12006,12006,fault,0xzz,,,,,,,,,,0x1,read,0x4,,,,,,,,,,"),
        UNKNOWN_EVENT(CsvTraceReader.UNKNOWN_EVENT, "unknown event 'teleport'",
                "888125055000,12006,12006,teleport,,,,,,,,,,,,,,,,,,,,,,,"),
        ZERO_LENGTH_MMAP(EventChecks.Rule.ZERO_LENGTH_MMAP.label(), "mmap of length 0 that succeeded",
                "@T,12006,12006,map,0x0,0x0,0x3,0x22,-1,0x0,,,,0x7f0000000000,,,,,,,,,,,,,"),
        MUNMAP_OVERFLOW(EventChecks.Rule.MUNMAP_OVERFLOW.label(), "overflows 2^64",
                "@T,12006,12006,unmap,0xfffffffffffff000,0x2000,,,,,,,,0,,,,,,,,,,,,,"),
        TIME_BACKWARDS(EventChecks.Rule.TIME_BACKWARDS.label(), "time goes backwards: 5 ns after",
                "5,12006,12006,fault,0x7efde8676d40,,,,,,,,,,0x7efde8691a13,read,0x4,,,,,,,,,,");

        final String reason;
        final String message;
        final String row;

        Bad(String reason, String message, String row) {
            this.reason = reason;
            this.message = message;
            this.row = row;
        }
    }

    private Path withBadRow(Bad bad) throws IOException {
        List<String> lines = new ArrayList<>(good());
        String time = lines.get(199).substring(0, lines.get(199).indexOf(',')); // the row before: in time order
        lines.add(200, bad.row.replace("@T", time));
        return Files.write(dir.resolve("bad.csv"), lines);
    }

    @ParameterizedTest
    @EnumSource(Bad.class)
    void strictStopsAtTheRowNamingFileLineAndReason(Bad bad) throws IOException {
        Path f = withBadRow(bad);
        assertThatThrownBy(() -> Fixtures.readAll(new CsvTraceReader(TraceSource.of(f), false)))
                .isInstanceOfSatisfying(TraceInputException.class, e -> {
                    assertThat(e.file()).isEqualTo(f.toString());
                    assertThat(e.line()).isEqualTo(201);
                    assertThat(e.reason()).contains(bad.message);
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
    }

    @ParameterizedTest
    @EnumSource(Bad.class)
    void lenientSkipsTheRowAndCountsItsReason(Bad bad) throws IOException {
        Path f = withBadRow(bad);
        CsvTraceReader reader = new CsvTraceReader(TraceSource.of(f), true);
        List<TraceEvent> events = Fixtures.readAll(reader);
        assertThat(events).hasSize(398); // every good row, the bad one left out
        assertThat(reader.skips().byReason()).containsExactlyEntriesOf(Map.of(bad.reason, 1L));
        assertThat(reader.skips().endedAtLine()).isZero();
        assertThat(events).isEqualTo(Fixtures.readAll(new CsvTraceReader(
                Files.write(dir.resolve("good.csv"), good()))));
    }

    @ParameterizedTest
    @ValueSource(strings = {".zst", ".xz", ".gz"})
    void aCutCompressedTraceIsReadUpToTheDamage(String extension) throws IOException {
        byte[] text;
        try (InputStream in = TraceSource.of(Fixtures.SAMPLES.resolve("jvm-workers.csv.zst")).open().in()) {
            text = in.readAllBytes();
        }
        byte[] whole = compress(text, extension);
        Path cut = Files.write(dir.resolve("cut.csv" + extension), Arrays.copyOf(whole, whole.length * 4 / 10));
        long lines = new String(text, StandardCharsets.UTF_8).lines().count();

        assertThatThrownBy(() -> Fixtures.readAll(new CsvTraceReader(TraceSource.of(cut), false)))
                .isInstanceOfSatisfying(TraceInputException.class, e -> {
                    assertThat(e.file()).isEqualTo(cut.toString());
                    assertThat(e.line()).isBetween(3L, lines - 1);
                    assertThat(e.reason()).startsWith("truncated or corrupt " + extension + " input");
                });

        CsvTraceReader lenient = new CsvTraceReader(TraceSource.of(cut), true);
        List<TraceEvent> events = Fixtures.readAll(lenient);
        long endedAt = lenient.skips().endedAtLine();
        assertThat(endedAt).as("the line it ended at").isBetween(3L, lines - 1);
        assertThat(lenient.skips().endReason()).startsWith("truncated or corrupt " + extension + " input");
        assertThat(lenient.skips().byReason()).as("no row was cut into a bad one").isEmpty();
        // every row before the damage, and nothing else: lines 3 .. endedAt-1 (line 1 version, 2 header)
        assertThat(events).hasSize((int) (endedAt - 3));
        List<TraceEvent> all = Fixtures.readAll(new CsvTraceReader(Files.write(dir.resolve("whole.csv"), text)));
        assertThat(events).isEqualTo(all.subList(0, events.size()));
    }

    private static byte[] compress(byte[] text, String extension) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = switch (extension) {
            case ".zst" -> new ZstdCompressorOutputStream(bytes, 9);
            case ".xz" -> new XZCompressorOutputStream(bytes);
            default -> new GzipCompressorOutputStream(bytes);
        }) {
            out.write(text);
        }
        return bytes.toByteArray();
    }
}
