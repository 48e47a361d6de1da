package dev.vmalab.replay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.replay.TestTraces;
import dev.vmalab.replay.cli.ReplayMain;
import dev.vmalab.replay.results.ResumeState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM during a replay (a separate JVM, stopped as Ctrl-C or a job scheduler would): the
 * folder keeps what finished, marked incomplete, with no temporaries; {@code --resume} runs only
 * the rest, and the counters equal those of an uninterrupted run (deterministic mode).
 */
class InterruptResumeTest {
    private static final List<String> COUNTERS = List.of("trace", "strategy", "threads", "run", "seed", "lookups",
            "success", "abort", "miss", "fallback", "retry_max", "nodes_per_lookup", "violations");

    @TempDir
    Path dir;

    @Test
    void anInterruptedReplayKeepsWhatFinishedAndResumesToTheSameCounters() throws Exception {
        Path trace = TestTraces.churn(dir, 3000, 2);
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("replay", trace.toString(), "--strategies", "mas-set,no-reset,mas-reset",
                "--threads", "1,2", "--runs", "3", "--deterministic", "--in-process", "--out", out.toString()));

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReplayMain.class.getName()));
        cmd.addAll(args);
        Path log = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (batchesDone(out) < 1 && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(p.isAlive()).as("still replaying when stopped (else the trace is too short to test this)").isTrue();
        p.destroy(); // SIGTERM; SIGINT takes the same path (JVM shutdown hooks)
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        String err = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(err).contains("vmalab replay: interrupted;", "continue with: ", "--resume");
        String machine = Files.readString(out.resolve("machine.properties"), StandardCharsets.ISO_8859_1);
        assertThat(machine).contains("incomplete=true", "cells_total=18");
        List<CSVRecord> partial = CountersAddUpTest.read(out.resolve("summary.csv"));
        assertThat(partial).isNotEmpty().hasSizeLessThan(18);
        assertThat(files(out)).noneMatch(f -> f.endsWith(".tmp")).noneMatch(f -> f.contains(".cells"));
        try (Stream<Path> logs = Files.list(out.resolve("histograms"))) {
            assertThat(logs.count()).as("no log of an unfinished cell").isEqualTo(partial.size());
        }

        args.addAll(List.of("--resume", out.toString()));
        assertThat(ReplayMain.commandLine().execute(args.toArray(String[]::new))).isZero();
        assertThat(out.resolve(ResumeState.DIR)).doesNotExist();
        assertThat(Files.readString(out.resolve("machine.properties"))).doesNotContain("incomplete");

        Path whole = dir.resolve("whole");
        List<String> again = new ArrayList<>(args.subList(0, args.size() - 2));
        again.set(again.indexOf(out.toString()), whole.toString());
        assertThat(ReplayMain.commandLine().execute(again.toArray(String[]::new))).isZero();
        assertThat(counters(out)).hasSize(18).isEqualTo(counters(whole));
    }

    @Test
    void resumeRefusesOtherOptions() throws Exception {
        Path trace = TestTraces.churn(dir, 50, 1);
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve(ResumeState.DIR));
        Files.writeString(out.resolve(ResumeState.DIR).resolve("settings"), "something else\n");
        java.io.StringWriter err = new java.io.StringWriter();
        var cl = ReplayMain.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true));
        assertThat(cl.execute("replay", trace.toString(), "--in-process", "--runs", "1", "--resume", out.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("--resume needs the options of the interrupted replay").doesNotContain("\tat ");
    }

    private static long batchesDone(Path out) throws IOException {
        Path partial = out.resolve(ResumeState.DIR);
        if (!Files.isDirectory(partial)) return 0;
        try (Stream<Path> s = Files.list(partial)) {
            return s.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith(".")).count();
        }
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(Path::toString).toList();
        }
    }

    private static List<String> counters(Path out) throws IOException {
        return CountersAddUpTest.read(out.resolve("summary.csv")).stream()
                .map(r -> String.join(",", COUNTERS.stream().map(r::get).toList())).toList();
    }
}
