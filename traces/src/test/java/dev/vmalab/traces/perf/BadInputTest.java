package dev.vmalab.traces.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmalab.traces.Fixtures;
import dev.vmalab.traces.format.TraceInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each kind of bad input stops a strict import with file, line and reason, and is
 * skipped and counted by a lenient one; neither leaves a partial output file.
 */
class BadInputTest {
    @TempDir
    Path dir;

    private static final String GOOD_START = String.join("\n",
            "       perf-exec     0 [000]     0.000000: PERF_RECORD_COMM: perf-exec:100/100",
            "            demo   100 [001]   10.000001: PERF_RECORD_COMM exec: demo:100/100",
            "            demo   100 [001]   10.000002: PERF_RECORD_MMAP2 100/100: [0x55e5b85f8000(0x13000) @ 0x4000 "
                    + "fe:00 260180 0]: r-xp /usr/bin/demo",
            "            demo   100 [001]   10.000003:  exceptions:page_fault_user: address=0x55e5b85f8010 "
                    + "ip=0x55e5b85f8010 error_code=0x14",
            "");
    private static final String GOOD_END =
            "            demo   100 [001]   10.000009:  exceptions:page_fault_user: address=0x55e5b85f9000 "
                    + "ip=0x55e5b85f8010 error_code=0x14\n";

    /** One bad line per problem, placed as line 5 between good lines. */
    enum Case {
        MALFORMED_LINE(ImportProblem.MALFORMED_LINE, "this is not perf script output"),
        UNKNOWN_EVENT(ImportProblem.UNKNOWN_EVENT,
                "            demo   100 [001]   10.000004: sched:sched_switch: prev_comm=demo"),
        EXIT_WITHOUT_ENTER(ImportProblem.EXIT_WITHOUT_ENTER,
                "            demo   100 [001]   10.000004:    syscalls:sys_exit_munmap: 0x0"),
        NEGATIVE_LENGTH(ImportProblem.NEGATIVE_LENGTH,
                "            demo   100 [001]   10.000004:   syscalls:sys_enter_munmap: addr: 0x7f0000000000, "
                        + "len: 0xfffffffffffff000"),
        FAULT_BEFORE_ANY_MAPPING(ImportProblem.FAULT_BEFORE_ANY_MAPPING,
                "           other   200 [000]   10.000004:  exceptions:page_fault_user: address=0x7f0000000000 "
                        + "ip=0x7f0000000000 error_code=0x4"),
        BAD_NUMBER(ImportProblem.MALFORMED_LINE,
                "            demo   100 [001]   10.000004:  exceptions:page_fault_user: address=0xnothex ip=0x1 "
                        + "error_code=0x4");

        final ImportProblem problem;
        final String line;

        Case(ImportProblem problem, String line) {
            this.problem = problem;
            this.line = line;
        }
    }

    private Path input(Case c) throws IOException {
        return Files.writeString(dir.resolve("bad-" + c.name() + ".txt"), GOOD_START + c.line + "\n" + GOOD_END);
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void strictImportNamesFileLineAndReasonAndWritesNothing(Case c) throws IOException {
        Path in = input(c);
        Path out = dir.resolve("out.csv.zst");
        assertThatThrownBy(() -> PerfImport.run(in, out, ImportOptions.STRICT))
                .isInstanceOfSatisfying(TraceInputException.class, e -> {
                    assertThat(e.file()).isEqualTo(in.toString());
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.reason()).startsWith(c.problem.label());
                });
        assertOnlyInputsLeft();
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void lenientImportSkipsAndCountsTheLine(Case c) throws IOException {
        Path out = dir.resolve("out.csv");
        ImportSummary s = PerfImport.run(input(c), out, ImportOptions.LENIENT);
        assertThat(s.skipped()).containsExactlyEntriesOf(java.util.Map.of(c.problem, 1L));
        assertThat(s.events("fault")).isEqualTo(2);
        assertThat(Files.exists(out)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {".xz", ".gz"})
    void truncatedCompressedInputIsAnErrorOrWithLenientASkip(String extension) throws IOException {
        byte[] whole = compressed(Fixtures.SAMPLES.resolve("xz-t2.perf.xz"), extension);
        Path in = Files.write(dir.resolve("cut.perf" + extension), java.util.Arrays.copyOf(whole, whole.length - 1000));
        Path out = dir.resolve("out.csv.xz");
        assertThatThrownBy(() -> PerfImport.run(in, out, ImportOptions.STRICT))
                .isInstanceOfSatisfying(TraceInputException.class, e -> {
                    assertThat(e.file()).isEqualTo(in.toString());
                    assertThat(e.line()).isPositive();
                    assertThat(e.reason()).startsWith("truncated or corrupt " + extension + " input");
                });
        assertOnlyInputsLeft();

        ImportSummary s = PerfImport.run(in, out, ImportOptions.LENIENT);
        assertThat(s.skipped()).containsEntry(ImportProblem.TRUNCATED_INPUT, 1L);
        assertThat(s.events()).isPositive();
    }

    /** A sample's perf script text, compressed as wanted: big enough that whole xz chunks (2 MiB of text) precede the cut. */
    private static byte[] compressed(Path sample, String extension) throws IOException {
        byte[] text;
        try (var in = dev.vmalab.traces.io.TraceSource.of(sample).open().in()) {
            text = in.readAllBytes();
        }
        var bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = extension.equals(".xz") ? new XZCompressorOutputStream(bytes)
                : new GzipCompressorOutputStream(bytes)) {
            out.write(text);
        }
        return bytes.toByteArray();
    }

    private void assertOnlyInputsLeft() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .allMatch(n -> n.startsWith("bad-") || n.startsWith("cut."));
        }
    }
}
