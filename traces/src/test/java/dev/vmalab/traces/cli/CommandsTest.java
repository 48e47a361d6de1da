package dev.vmalab.traces.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.traces.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class CommandsTest {
    @TempDir
    Path dir;

    @Command(name = "vmalab")
    static final class Root implements Runnable {
        @Override
        public void run() {}
    }

    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = new CommandLine(new Root());
        TracesCommands.all().forEach(cl::addSubcommand);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] cmd : new String[][] {{"record"}, {"import"}, {"generate"}, {"trace"}, {"trace", "stats"}}) {
            String[] args = java.util.Arrays.copyOf(cmd, cmd.length + 1);
            args[cmd.length] = "--help";
            Run r = run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).startsWith("Usage: vmalab " + String.join(" ", cmd));
        }
    }

    @Test
    void importPrintsTheSummaryAndWritesTheTrace() {
        Path out = dir.resolve("mm.csv.zst");
        Run r = run("import", Fixtures.perfFixture("mmtest.perf.xz").toString(), out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("processes", "threads", "inferred mappings", "faults hitting nothing",
                "skipped lines", "fault ");
        assertThat(Files.exists(out)).isTrue();
    }

    @Test
    void importOfBadInputFailsWithFileAndLineAndLenientCountsIt() throws Exception {
        Path in = Files.writeString(dir.resolve("bad.perf"), "not perf output\n");
        Run strict = run("import", in.toString(), dir.resolve("o.csv").toString());
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.err()).contains(in + ":1: malformed line");
        assertThat(Files.exists(dir.resolve("o.csv"))).isFalse();
        Run nothing = run("import", "--lenient", in.toString(), dir.resolve("o.csv").toString());
        assertThat(nothing.exit()).as("lenient, but no event at all: refused, not an empty trace").isEqualTo(1);
        assertThat(nothing.err()).contains(in + ": no events");
        Files.writeString(in, "not perf output\n              xz 12006 [001]   888.124601: PERF_RECORD_COMM exec: "
                + "xz:12006/12006\n");
        Run lenient = run("import", "--lenient", in.toString(), dir.resolve("o.csv").toString());
        assertThat(lenient.exit()).as(lenient.err()).isZero();
        assertThat(lenient.out()).containsPattern("malformed line\\s+1");
    }

    @Test
    void generateWritesATraceAndRejectsUnknownParametersSayingWhatIsAllowed() {
        Path out = dir.resolve("g.csv.gz");
        Run ok = run("generate", "vma-churn", "-o", out.toString(), "--seed", "5", "ops=50");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(Files.exists(out)).isTrue();
        Run bad = run("generate", "vma-churn", "-o", out.toString(), "opz=50");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("no parameter 'opz'", "allowed: threads, neighbours");
    }

    @Test
    void traceStatsWorksOnSamplesInBothFormats() {
        for (String sample : new String[] {"xz-t2.csv.zst", "gcc-hello.perf.xz"}) {
            Run r = run("trace", "stats", Fixtures.SAMPLES.resolve(sample).toString(), "--window-us", "50");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("race exposure", "in the previous 50 us", "per thread", "VMA count over time");
        }
    }

    @Test
    void badOptionValueIsAUsageError() {
        Run r = run("trace", "stats", "x", "--window-us", "soon");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--window-us");
    }
}
