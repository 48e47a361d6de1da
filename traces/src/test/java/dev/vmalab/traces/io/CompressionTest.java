package dev.vmalab.traces.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompressionTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void compressionIsDetectedByMagicBytesNotByFileName(Compression compression) throws IOException {
        Path written = dir.resolve("t.csv" + compression.extension());
        try (AtomicOutput out = AtomicOutput.create(written)) {
            out.stream().write("hello, trace\n".getBytes(StandardCharsets.UTF_8));
            out.commit();
        }
        Path renamed = Files.move(written, dir.resolve("no-extension"));
        TraceSource.Opened opened = TraceSource.of(renamed).open();
        try (InputStream in = opened.in()) {
            assertThat(opened.compression()).isEqualTo(compression);
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello, trace\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void outputCompressionFollowsTheExtension(Compression compression) {
        assertThat(Compression.ofFileName(Path.of("x.csv" + compression.extension()))).isEqualTo(compression);
    }

    @org.junit.jupiter.api.Test
    void atomicOutputLeavesNothingBehindWithoutCommit() throws IOException {
        Path target = dir.resolve("never.csv.zst");
        try (AtomicOutput out = AtomicOutput.create(target)) {
            OutputStream s = out.stream();
            s.write(new byte[100_000]);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
