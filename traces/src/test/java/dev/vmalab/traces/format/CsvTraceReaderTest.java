package dev.vmalab.traces.format;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmalab.traces.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTraceReaderTest {
    @TempDir
    Path dir;

    private static final String HEADER = String.join(",", TraceCsv.COLUMNS);

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("t.csv"), text);
    }

    @Test
    void otherVersionIsRejectedOnLineOne() throws IOException {
        Path f = file("# vmalab-trace 99\n" + HEADER + "\n");
        assertThatThrownBy(() -> Fixtures.readAll(new CsvTraceReader(f)))
                .isInstanceOfSatisfying(TraceInputException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.file()).isEqualTo(f.toString());
                    org.assertj.core.api.Assertions.assertThat(e.line()).isEqualTo(1);
                    org.assertj.core.api.Assertions.assertThat(e.reason()).contains("version '99'");
                });
    }

    @Test
    void fileWithoutVersionCommentIsNotATrace() throws IOException {
        Path f = file(HEADER + "\n");
        assertThatThrownBy(() -> Fixtures.readAll(new CsvTraceReader(f)))
                .isInstanceOf(TraceInputException.class).hasMessageContaining("not a vmalab trace");
    }

    @Test
    void badValueNamesFileLineAndColumn() throws IOException {
        String good = "1,1,1,thread_exit" + ",".repeat(TraceCsv.COLUMNS.size() - 4);
        String bad = "2,1,1,fault,0xzz" + ",".repeat(TraceCsv.COLUMNS.size() - 5);
        Path f = file("# " + TraceCsv.HEADER_COMMENT + "\n" + HEADER + "\n" + good + "\n" + bad + "\n");
        assertThatThrownBy(() -> Fixtures.readAll(new CsvTraceReader(f)))
                .isInstanceOf(TraceInputException.class)
                .hasMessageStartingWith(f + ":4: ")
                .hasMessageContaining("column addr");
    }

    @Test
    void negativeLengthIsRejected() throws IOException {
        String[] row = new String[TraceCsv.COLUMNS.size()];
        java.util.Arrays.fill(row, "");
        row[TraceCsv.TIME] = "2";
        row[TraceCsv.PID] = "1";
        row[TraceCsv.TID] = "1";
        row[TraceCsv.EVENT] = "unmap";
        row[TraceCsv.ADDR] = "0x1000";
        row[TraceCsv.LEN] = "-4096";
        row[TraceCsv.RESULT] = "0";
        Path f = file("# " + TraceCsv.HEADER_COMMENT + "\n" + HEADER + "\n" + String.join(",", row) + "\n");
        assertThatThrownBy(() -> Fixtures.readAll(new CsvTraceReader(f)))
                .isInstanceOf(TraceInputException.class).hasMessageContaining("negative length");
    }
}
