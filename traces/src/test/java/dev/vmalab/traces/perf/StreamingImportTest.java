package dev.vmalab.traces.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory does not grow with the trace: a multi-million-line perf script imports in
 * a JVM whose heap could not hold its events. Default build: 1M lines in 64 MB of
 * heap (1M fault records alone would need well over that); {@code -Pheavy}: 5M
 * lines in 256 MB.
 */
class StreamingImportTest {
    @TempDir
    Path dir;

    @Test
    void millionsOfLinesImportWithASmallFixedHeap() throws IOException, InterruptedException {
        boolean heavy = Boolean.getBoolean("vmalab.heavy");
        long wanted = heavy ? 5_000_000 : 1_000_000;
        String heap = heavy ? "-Xmx256m" : "-Xmx64m";
        Path in = dir.resolve("big.perf");
        long lines = SyntheticPerfScript.write(in, wanted);
        Path out = dir.resolve("big.csv.zst");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, heap, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), ImportMain.class.getName(), in.toString(), out.toString()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output.strip()).startsWith(lines + " ");
        assertThat(Files.size(out)).isPositive();
    }
}
