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

    /** Impossible events (the rules of format.EventChecks, the same the CSV reader applies); the bad line is line 6. */
    enum Impossible {
        TIME_BACKWARDS(ImportProblem.TIME_BACKWARDS, "time goes backwards: 9000000000 ns after 10000004000 ns",
                "            demo   100 [001]   10.000004:    syscalls:sys_enter_brk: brk: 0x00000000",
                "            demo   100 [001]    9.000000:  exceptions:page_fault_user: address=0x55e5b85f8010 "
                        + "ip=0x55e5b85f8010 error_code=0x14"),
        ZERO_LENGTH_MMAP(ImportProblem.ZERO_LENGTH_MMAP, "mmap of length 0 that succeeded",
                "            demo   100 [001]   10.000004:   syscalls:sys_enter_mmap: addr: 0x00000000, len: 0x00000000, "
                        + "prot: 0x00000003, flags: 0x00000022, fd: 0xffffffff, off: 0x00000000",
                "            demo   100 [001]   10.000005:    syscalls:sys_exit_mmap: 0x7f893b7b1000"),
        MUNMAP_OVERFLOW(ImportProblem.MUNMAP_OVERFLOW, "munmap range 0xfffffffffffff000+0x2000 overflows 2^64",
                "            demo   100 [001]   10.000004:   syscalls:sys_enter_munmap: addr: 0xfffffffffffff000, "
                        + "len: 0x00002000",
                "            demo   100 [001]   10.000005:    syscalls:sys_exit_munmap: 0x0");

        final ImportProblem problem;
        final String message;
        final String line5;
        final String line6;

        Impossible(ImportProblem problem, String message, String line5, String line6) {
            this.problem = problem;
            this.message = message;
            this.line5 = line5;
            this.line6 = line6;
        }
    }

    private Path input(Impossible c) throws IOException {
        return Files.writeString(dir.resolve("bad-" + c.name() + ".txt"),
                GOOD_START + c.line5 + "\n" + c.line6 + "\n" + GOOD_END);
    }

    @ParameterizedTest
    @EnumSource(Impossible.class)
    void strictImportRefusesAnImpossibleEventWithFileAndLine(Impossible c) throws IOException {
        Path in = input(c);
        Path out = dir.resolve("out.csv.zst");
        assertThatThrownBy(() -> PerfImport.run(in, out, ImportOptions.STRICT))
                .isInstanceOfSatisfying(TraceInputException.class, e -> {
                    assertThat(e.file()).isEqualTo(in.toString());
                    assertThat(e.line()).isEqualTo(6);
                    assertThat(e.reason()).contains(c.message).doesNotContain(c.problem.label() + ": " + c.problem.label());
                });
        assertOnlyInputsLeft();
    }

    @ParameterizedTest
    @EnumSource(Impossible.class)
    void lenientImportSkipsAnImpossibleEventAndCountsItsRule(Impossible c) throws IOException {
        Path out = dir.resolve("out.csv");
        ImportSummary s = PerfImport.run(input(c), out, ImportOptions.LENIENT);
        // the time case: line 5's brk stays pending, so the import leaves it unfinished; no other line is lost
        assertThat(s.skipped()).containsExactlyEntriesOf(java.util.Map.of(c.problem, 1L));
        assertThat(s.format()).containsPattern(java.util.regex.Pattern.quote(c.problem.label()) + "\\s+1\\n");
        assertThat(s.events("fault")).isEqualTo(2);
        assertThat(s.events("map") + s.events("unmap")).as("the impossible event is not written").isZero();
        // what was written reads back under the CSV reader's own checks (the same rules)
        assertThat(dev.vmalab.traces.Fixtures.readAll(new dev.vmalab.traces.format.CsvTraceReader(out))).hasSize((int) s.events());
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
        // where it ended: the first line not read whole, the one after the last line read
        assertThat(s.endedAtLine()).isEqualTo(s.lines() + 1);
        assertThat(s.format()).contains("input ended at line     " + (s.lines() + 1) + " (damaged;");
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
