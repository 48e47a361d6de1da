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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM during a replay (a separate JVM, stopped as Ctrl-C or a job scheduler would): the
 * folder keeps the cells that finished, marked incomplete, with no temporaries; {@code --resume}
 * runs only the missing cells, and the counters equal those of an uninterrupted run
 * (deterministic mode). Each kept cell is marked before the resume (its wall_ms rewritten in
 * .partial/, its histogram's bytes noted): a kept cell re-run would lose the mark, a missing one
 * skipped would leave a row short of the uninterrupted run's.
 */
class InterruptResumeTest {
    private static final List<String> COUNTERS = List.of("trace", "strategy", "threads", "run", "seed", "lookups",
            "success", "abort", "miss", "fallback", "retry_max", "nodes_per_lookup", "violations");

    @TempDir
    Path dir;

    /** wall_ms no replay measures: the mark of a cell kept from before the interrupt. */
    private static final String MARK = "424242.125";

    @Test
    void anInterruptedReplayKeepsWhatFinishedAndResumesToTheSameCounters() throws Exception {
        interruptAndResume(3000, List.of("--strategies", "mas-set,no-reset,mas-reset", "--runs", "3", "--in-process"), 18);
    }

    @Test
    void anInterruptedForkedReplayKeepsTheCellsItsCellJvmFinished() throws Exception {
        // one cell JVM per (strategy, run): the child records each cell it finishes; the parent reads them back
        interruptAndResume(3000, List.of("--strategies", "mas-set,no-reset", "--runs", "1"), 4);
    }

    private void interruptAndResume(int events, List<String> options, int cells) throws Exception {
        Path trace = TestTraces.churn(dir, events, 2);
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("replay", trace.toString(), "--threads", "1,2", "--deterministic",
                "--out", out.toString()));
        args.addAll(options);

        Path log = dir.resolve("stderr.txt");
        Process p = start(args);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (cellsDone(out) < 1 && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(p.isAlive()).as("still replaying when stopped (else the trace is too short to test this)").isTrue();
        p.destroy(); // SIGTERM; SIGINT takes the same path (JVM shutdown hooks)
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        String err = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(err).contains("vmalab replay: interrupted;", "continue with: ", "--resume");
        String machine = Files.readString(out.resolve("machine.properties"), StandardCharsets.ISO_8859_1);
        assertThat(machine).contains("incomplete=true", "cells_total=" + cells);
        List<CSVRecord> partial = CountersAddUpTest.read(out.resolve("summary.csv"));
        assertThat(partial).isNotEmpty().hasSizeLessThan(cells);
        assertThat(machine).contains("cells_done=" + partial.size());
        assertThat(files(out)).noneMatch(f -> f.endsWith(".tmp")).noneMatch(f -> f.contains(".cells"));
        try (Stream<Path> logs = Files.list(out.resolve("histograms"))) {
            assertThat(logs.count()).as("no log of an unfinished cell").isEqualTo(partial.size());
        }

        Map<String, byte[]> keptLogs = markKept(out);
        assertThat(keptLogs).hasSize(partial.size());

        args.addAll(List.of("--resume", out.toString()));
        assertThat(ReplayMain.commandLine().execute(args.toArray(String[]::new))).isZero();
        assertThat(out.resolve(ResumeState.DIR)).doesNotExist();
        assertThat(Files.readString(out.resolve("machine.properties"))).doesNotContain("incomplete");
        assertKept(out, keptLogs);

        Path whole = dir.resolve("whole");
        List<String> again = new ArrayList<>(args.subList(0, args.size() - 2));
        again.set(again.indexOf(out.toString()), whole.toString());
        assertThat(ReplayMain.commandLine().execute(again.toArray(String[]::new))).isZero();
        assertThat(counters(out)).as("no missing cell skipped, the same counters").hasSize(cells).isEqualTo(counters(whole));
    }

    @Test
    void inTimedRoundsARunsUnsweptCellsAreKeptAsOneGroup() throws Exception {
        // In-process with repetitions: the strategies alternate in rounds, a run's cells are timed together.
        Path trace = TestTraces.churn(dir, 1500, 2);
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("replay", trace.toString(), "--strategies", "mas-set,no-reset",
                "--threads", "1", "--runs", "2", "--reps", "2", "--in-process", "--no-hunt", "--out", out.toString()));
        Process p = start(args);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (cellsDone(out) < 3 && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(p.isAlive()).as("run 2 still replaying when stopped").isTrue();
        p.destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<CSVRecord> partial = CountersAddUpTest.read(out.resolve("summary.csv"));
        assertThat(partial).as("run 1: mas-set, no-reset and the A/A control, together")
                .extracting(r -> r.get("run")).containsExactly("1", "1", "1");
        Map<String, byte[]> keptLogs = markKept(out);

        args.addAll(List.of("--resume", out.toString()));
        assertThat(ReplayMain.commandLine().execute(args.toArray(String[]::new))).isZero();
        assertKept(out, keptLogs);
        assertThat(CountersAddUpTest.read(out.resolve("summary.csv"))).extracting(r -> r.get("run"))
                .containsExactlyInAnyOrder("1", "1", "1", "2", "2", "2");
        assertThat(CountersAddUpTest.read(out.resolve("timing.csv"))).hasSize(6);
    }

    /** Marks every kept cell (one cell per .partial/ folder, not a (strategy, run) batch); returns its histogram's bytes by name. */
    private static Map<String, byte[]> markKept(Path out) throws IOException {
        Map<String, byte[]> keptLogs = new TreeMap<>();
        for (Path cell : cellDirs(out)) {
            Path summary = cell.resolve("summary.csv");
            List<CSVRecord> rows = CountersAddUpTest.read(summary);
            assertThat(rows).as(cell + " holds one cell").hasSize(1);
            List<String> lines = new ArrayList<>(Files.readAllLines(summary));
            List<String> header = List.of(lines.get(0).split(","));
            String[] row = lines.get(1).split(",", -1);
            row[header.indexOf("wall_ms")] = MARK;
            lines.set(1, String.join(",", row));
            Files.write(summary, lines);
            CSVRecord r = rows.getFirst();
            String stem = r.get("trace") + "__" + r.get("strategy") + "__t" + r.get("threads") + "__r" + r.get("run");
            keptLogs.put(stem, Files.readAllBytes(out.resolve("histograms").resolve(stem + ".hlog")));
        }
        return keptLogs;
    }

    /** After the resume: every marked cell kept (its row and its histogram), no other row marked. */
    private static void assertKept(Path out, Map<String, byte[]> keptLogs) throws IOException {
        List<CSVRecord> resumed = CountersAddUpTest.read(out.resolve("summary.csv"));
        assertThat(resumed.stream().filter(r -> r.get("wall_ms").equals(MARK)).count())
                .as("every cell kept from before the interrupt, none re-run").isEqualTo(keptLogs.size());
        for (Map.Entry<String, byte[]> e : keptLogs.entrySet()) {
            assertThat(Files.readAllBytes(out.resolve("histograms").resolve(e.getKey() + ".hlog")))
                    .as("a kept cell's histogram is not rewritten").isEqualTo(e.getValue());
        }
    }

    private Process start(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReplayMain.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).start();
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

    private static long cellsDone(Path out) throws IOException {
        return cellDirs(out).size();
    }

    private static List<Path> cellDirs(Path out) throws IOException {
        Path partial = out.resolve(ResumeState.DIR);
        if (!Files.isDirectory(partial)) return List.of();
        try (Stream<Path> s = Files.list(partial)) {
            return s.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith(".")).sorted().toList();
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
