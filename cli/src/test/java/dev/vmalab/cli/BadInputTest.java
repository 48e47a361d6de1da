package dev.vmalab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vmalab.traces.io.TraceSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bad and awkward inputs of issue 15, each through the whole ./vmalab command line: the
 * message (one line naming file and line, or option), the exit code (1 input, 2 usage) and what
 * is on disk afterwards (nothing destroyed, nothing half-written, no temporary left).
 */
class BadInputTest {
    private static final Path SAMPLES = Path.of("..", "traces", "samples");

    @TempDir
    Path tmp;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int vmalab(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** The first lines of a bundled sample, as plain text. */
    private Path sample(String name, int lines, String as) throws IOException {
        try (InputStream in = TraceSource.of(SAMPLES.resolve(name)).open().in()) {
            List<String> all = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(lines).toList();
            return Files.writeString(tmp.resolve(as), String.join("\n", all) + "\n");
        }
    }

    private Path perf() throws IOException {
        return sample("xz-t2.perf.xz", 3000, "good.perf");
    }

    private Path csv() throws IOException {
        return sample("xz-t2.csv.zst", 400, "good.csv");
    }

    private Path csvWith(String line) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(csv()));
        lines.add(line);
        return Files.write(tmp.resolve("bad.csv"), lines);
    }

    private String[] replay(Path trace, Path dir, String... more) {
        List<String> a = new ArrayList<>(List.of("replay", trace.toString(), "--in-process", "--runs", "1", "--threads", "1",
                "--strategies", "mas-set", "--deterministic", "--warmup", "0%", "--out", dir.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private void oneLine(String... contains) {
        String e = err.toString();
        assertThat(e).contains(contains).doesNotContain("Exception in", "\tat ", "Usage:");
        assertThat(e.strip().lines().count()).as(e).isLessThanOrEqualTo(3);
    }

    private static List<Path> temporaries(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    // 1. OUT that is not a regular file, or is the input

    @Test
    void importOntoADeviceIsRefusedAndTheDeviceStays() throws IOException {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full));
        assertThat(vmalab("import", perf().toString(), "-o", full.toString())).isEqualTo(1);
        oneLine("/dev/full: is a device, FIFO or socket");
        assertThat(Files.isRegularFile(full)).isFalse();
    }

    @Test
    void importOntoAFifoIsRefused() throws Exception {
        Path fifo = tmp.resolve("fifo");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
        assertThat(vmalab("import", perf().toString(), "-o", fifo.toString())).isEqualTo(1);
        oneLine("fifo: is a device, FIFO or socket");
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(temporaries(tmp)).isEmpty();
    }

    @Test
    void importOntoASymlinkIsRefusedAndNeitherLinkNorTargetChanges() throws IOException {
        Path target = Files.writeString(tmp.resolve("precious.txt"), "keep me");
        Path link = Files.createSymbolicLink(tmp.resolve("link.csv"), target);
        assertThat(vmalab("import", perf().toString(), "-o", link.toString())).isEqualTo(1);
        oneLine("link.csv: is a symbolic link");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).isEqualTo("keep me");
    }

    @Test
    void importIntoItsOwnInputIsRefusedAndTheInputKept() throws IOException {
        Path in = perf();
        byte[] before = Files.readAllBytes(in);
        assertThat(vmalab("import", in.toString(), in.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is the input file");
        assertThat(Files.readAllBytes(in)).isEqualTo(before);
    }

    @Test
    void importIntoADirectoryOrUnderProcIsRefused() throws IOException {
        assertThat(vmalab("import", perf().toString(), "-o", tmp.toString())).isEqualTo(1);
        oneLine(tmp + ": is a directory");
        assertThat(vmalab("import", perf().toString(), "-o", "/proc/vmalab-test.csv")).isEqualTo(1);
        oneLine("/proc/vmalab-test.csv: is under proc");
    }

    @Test
    void replayOutThatIsAFileIsRefusedAndTheFileKept() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine");
        assertThat(vmalab(replay(csv(), file))).isEqualTo(1);
        oneLine("notes.txt: is not a directory");
        assertThat(Files.readString(file)).isEqualTo("mine");
    }

    @Test
    void oldImportFormStillWorksWithADeprecationLine() throws IOException {
        Path o = tmp.resolve("o.csv");
        assertThat(vmalab("import", perf().toString(), o.toString())).as(err.toString()).isZero();
        assertThat(err.toString()).contains("deprecated; use `import IN -o OUT`");
        assertThat(o).isRegularFile();
        assertThat(vmalab("import", perf().toString(), "--out", tmp.resolve("p.csv").toString())).isZero();
        assertThat(err.toString()).doesNotContain("deprecated");
    }

    // 3. replay's bad input: one line, exit 1, no result files

    @Test
    void replayOfABadRowNamesFileAndLine() throws IOException {
        Path t = csvWith("12,3,4,fault,0xzz,,,,,,,,,,,read,0x4,,,,,,,,,,");
        Path dir = tmp.resolve("r");
        assertThat(vmalab(replay(t, dir))).isEqualTo(1);
        oneLine(t + ":401:");
        assertThat(dir.resolve("summary.csv")).doesNotExist();
    }

    @Test
    void replayOfAShortRowNamesFileAndLine() throws IOException {
        Path t = csvWith("888125055000,12006,12006,fault");
        assertThat(vmalab(replay(t, tmp.resolve("r")))).isEqualTo(1);
        oneLine(t + ":401: expected 27 columns, found 4");
    }

    @Test
    void replayOfAnUnknownEventNamesFileAndLine() throws IOException {
        Path t = csvWith("888125055000,12006,12006,teleport,,,,,,,,,,,,,,,,,,,,,,,");
        assertThat(vmalab(replay(t, tmp.resolve("r")))).isEqualTo(1);
        oneLine(t + ":401:");
    }

    @Test
    void replayOfADirectoryIsAUsageError() {
        assertThat(vmalab(replay(tmp, tmp.resolve("r")))).isEqualTo(2);
        oneLine(tmp + ": is a directory, not a trace file", "--help");
    }

    @Test
    void aTruncatedXzNamesTheFileAndTheLineItEndedAt() throws IOException {
        byte[] xz = Files.readAllBytes(SAMPLES.resolve("xz-t2.perf.xz"));
        Path cut = Files.write(tmp.resolve("cut.perf.xz"), java.util.Arrays.copyOf(xz, xz.length * 4 / 10));
        assertThat(vmalab("import", cut.toString(), "-o", tmp.resolve("c.csv").toString())).isEqualTo(1);
        oneLine(cut + ":", "truncated or corrupt .xz input");
        assertThat(tmp.resolve("c.csv")).doesNotExist();
        assertThat(vmalab("import", cut.toString(), "-o", tmp.resolve("c.csv").toString(), "--lenient")).isZero();
        // xz -dc recovers 9763 whole lines of this cut (trace format 2 sample); the lab reads the same
        assertThat(out.toString()).containsPattern("lines read\\s+9763\\b");
    }

    // 4. silently accepted before

    @Test
    void anEmptyPerfFileIsRefusedAndNothingWritten() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.perf"), "");
        assertThat(vmalab("import", empty.toString(), "-o", tmp.resolve("e.csv").toString())).isEqualTo(1);
        oneLine("empty.perf: no events");
        assertThat(tmp.resolve("e.csv")).doesNotExist();
        assertThat(temporaries(tmp)).isEmpty();
    }

    @Test
    void aStrategyJarThatIsNotAJarIsRefused() throws IOException {
        Path jar = Files.writeString(tmp.resolve("x.jar"), "not a zip");
        assertThat(vmalab(replay(csv(), tmp.resolve("r"), "--strategy-jar", jar.toString()))).isEqualTo(2);
        oneLine("--strategy-jar " + jar + ": not a jar");
    }

    @Test
    void aZeroLengthMmapThatSucceededIsRefused() throws IOException {
        Path t = csvWith("99999999999999,12006,12006,map,0x0,0x0,0x3,0x22,-1,0x0,,,,0x7f0000000000,,,,,,,,,,,,,");
        assertThat(vmalab(replay(t, tmp.resolve("r")))).isEqualTo(1);
        oneLine(t + ":401: mmap of length 0 that succeeded");
    }

    @Test
    void anMunmapRangeOverflowingIsRefused() throws IOException {
        Path t = csvWith("99999999999999,12006,12006,unmap,0xfffffffffffff000,0x2000,,,,,,,,0,,,,,,,,,,,,,");
        assertThat(vmalab(replay(t, tmp.resolve("r")))).isEqualTo(1);
        oneLine(t + ":401: munmap range", "overflows 2^64");
    }

    @Test
    void timeGoingBackwardsIsRefused() throws IOException {
        Path t = csvWith("5,12006,12006,fault,0x7efde8676d40,,,,,,,,,,0x7efde8691a13,read,0x4,,,,,,,,,,");
        assertThat(vmalab(replay(t, tmp.resolve("r")))).isEqualTo(1);
        oneLine(t + ":401: time goes backwards");
    }

    // --lenient: the same bad rows skipped and counted by reason, in traces.csv, machine.properties and the report

    private static java.util.Map<String, String> tracesRow(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("traces.csv"));
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<String> row = List.of(lines.get(1).split(",", -1));
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) m.put(header.get(i), row.get(i));
        return m;
    }

    @Test
    void lenientReplaySkipsImpossibleAndBadRowsAndCountsThemByReason() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(csv()));
        lines.add("99999999999999,12006,12006,map,0x0,0x0,0x3,0x22,-1,0x0,,,,0x7f0000000000,,,,,,,,,,,,,");
        lines.add("5,12006,12006,fault,0x7efde8676d40,,,,,,,,,,0x7efde8691a13,read,0x4,,,,,,,,,,");
        lines.add("888125055000,12006,12006,teleport,,,,,,,,,,,,,,,,,,,,,,,");
        lines.add("888125055000,12006,12006,fault");
        lines.add("99999999999999,12006,12006,unmap,0xfffffffffffff000,0x2000,,,,,,,,0,,,,,,,,,,,,,");
        Path t = Files.write(tmp.resolve("bad.csv"), lines);
        Path dir = tmp.resolve("r");
        assertThat(vmalab(replay(t, dir))).as("strict: the first bad row").isEqualTo(1);
        oneLine(t + ":401: mmap of length 0 that succeeded");
        assertThat(dir.resolve("summary.csv")).doesNotExist();

        assertThat(vmalab(replay(t, dir, "--lenient"))).as(err.toString()).isZero();
        assertThat(err.toString()).contains(t + ": --lenient: 5 skipped (mmap of length 0 that succeeded: 1, ");
        var row = tracesRow(dir);
        assertThat(row).containsEntry("events", "398").containsEntry("skipped", "5").containsEntry("ended_at_line", "");
        assertThat(row.get("skipped_by_reason")).isEqualTo("mmap of length 0 that succeeded=1;munmap range overflowing 2^64=1;"
                + "time goes backwards=1;unknown event=1;wrong number of columns=1");
        assertThat(Files.readString(dir.resolve("machine.properties"))).contains("lenient=true", "skipped=5");
        assertThat(Files.readString(dir.resolve("summary.csv"))).contains("mas-set");

        assertThat(vmalab("report", dir.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("LENIENT: bad: 5 rows skipped (--lenient): mmap of length 0 that succeeded=1");
        assertThat(Files.readString(dir.resolve("index.html"))).contains("Traces read leniently.", "5 rows skipped");
    }

    @Test
    void aCutZstdTraceIsRefusedNamingItsLineOrReplayedUpToTheDamage() throws IOException {
        byte[] zst = Files.readAllBytes(SAMPLES.resolve("jvm-workers.csv.zst"));
        Path cut = Files.write(tmp.resolve("cut.csv.zst"), java.util.Arrays.copyOf(zst, zst.length / 2));
        Path dir = tmp.resolve("r");
        assertThat(vmalab(replay(cut, dir))).isEqualTo(1);
        oneLine(cut + ":", "truncated or corrupt .zst input", "the lines before it were read");
        String line = err.toString().replaceAll("(?s).*" + java.util.regex.Pattern.quote(cut.toString()) + ":(\\d+):.*", "$1");
        assertThat(dir.resolve("summary.csv")).doesNotExist();

        assertThat(vmalab(replay(cut, dir, "--lenient"))).as(err.toString()).isZero();
        assertThat(err.toString()).contains(cut + ": --lenient: 0 skipped; input ended at line " + line + " (truncated or corrupt .zst input");
        var row = tracesRow(dir);
        assertThat(row).containsEntry("ended_at_line", line).containsEntry("skipped", "0");
        assertThat(Long.parseLong(row.get("events"))).isEqualTo(Long.parseLong(line) - 3); // lines 3 .. line-1
        assertThat(temporaries(tmp)).isEmpty();
    }

    @Test
    void traceStatsLenientCountsWhatItSkipped() throws IOException {
        Path t = csvWith("888125055000,12006,12006,teleport,,,,,,,,,,,,,,,,,,,,,,,");
        assertThat(vmalab("trace", "stats", t.toString())).isEqualTo(1);
        oneLine(t + ":401: unknown event 'teleport'");
        assertThat(vmalab("trace", "stats", t.toString(), "--lenient")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("skipped (--lenient): 1 skipped (unknown event: 1)");
    }

    private Path folder(String name, String strategy) throws IOException {
        Path dir = tmp.resolve(name);
        List<String> a = new ArrayList<>(List.of(replay(csv(), dir)));
        a.set(a.indexOf("mas-set"), strategy);
        assertThat(vmalab(a.toArray(String[]::new))).as(err.toString()).isZero();
        return dir;
    }

    @Test
    void aReportOverAFolderWithAMissingHistogramIsRefused() throws IOException {
        Path dir = folder("r", "mas-set,no-reset");
        Path log;
        try (Stream<Path> s = Files.list(dir.resolve("histograms"))) {
            log = s.sorted().findFirst().orElseThrow();
        }
        Files.delete(log);
        assertThat(vmalab("report", dir.toString())).isEqualTo(1);
        oneLine(log.getFileName() + ": missing");
        assertThat(dir.resolve("index.html")).doesNotExist();
    }

    @Test
    void aReportOverASummaryCutAtARowBoundaryIsRefused() throws IOException {
        Path dir = folder("r", "mas-set,no-reset");
        Path summary = dir.resolve("summary.csv");
        List<String> rows = Files.readAllLines(summary);
        Files.write(summary, rows.subList(0, rows.size() - 1));
        assertThat(vmalab("report", dir.toString())).isEqualTo(1);
        oneLine("summary.csv: has no row for histograms/");
        assertThat(dir.resolve("index.html")).doesNotExist();
    }

    @Test
    void compareOfFoldersWithNothingInCommonSaysSo() throws IOException {
        Path a = folder("a", "mas-set");
        Path b = folder("b", "no-reset");
        assertThat(vmalab("compare", a.toString(), b.toString())).isEqualTo(1);
        oneLine("nothing in common");
        try (Stream<Path> s = Files.list(b)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("compare-vs-"));
        }
    }

    @Test
    void replayingIntoAnOldFolderRemovesTheOldReport() throws IOException {
        Path dir = folder("r", "mas-set");
        assertThat(vmalab("report", dir.toString())).isZero();
        assertThat(dir.resolve("index.html")).exists();
        Path mine = Files.writeString(dir.resolve("my-notes.txt"), "not the lab's");
        folder("r", "no-reset");
        assertThat(dir.resolve("index.html")).as("the old page beside new data").doesNotExist();
        assertThat(dir.resolve("report")).doesNotExist();
        assertThat(mine).hasContent("not the lab's");
    }

    @Test
    void replayOutUnderProcIsRefused() throws IOException {
        assertThat(vmalab(replay(csv(), Path.of("/proc/vmalab-test-out")))).isEqualTo(1);
        oneLine("/proc/vmalab-test-out: is under proc");
    }

    // 2. interruption: the report of an interrupted folder, and an interrupted import

    @Test
    void aReportOfAnIncompleteFolderRendersWithABannerAndNoVerdict() throws IOException {
        Path dir = folder("r", "mas-set,no-reset");
        Files.writeString(dir.resolve("machine.properties"), "incomplete=true\ncells_done=1\ncells_total=2\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(vmalab("report", dir.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("INCOMPLETE: interrupted replay: 1 of 2 cells finished",
                "verdict: none (every strategy must have every cell)");
        assertThat(Files.readString(dir.resolve("index.html"))).contains("Incomplete result folder: no verdict.",
                "--resume " + dir);
    }

    @Test
    void anInterruptedImportLeavesNoTemporaryAndNoOutput() throws Exception {
        // The input is a FIFO fed half a sample: the import waits for more with its output open, and is stopped there.
        Path fifo = tmp.resolve("in.perf");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
        List<String> lines;
        try (InputStream in = TraceSource.of(SAMPLES.resolve("xz-t2.perf.xz")).open().in()) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        Path o = tmp.resolve("o.csv.xz");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "import", fifo.toString(), "-o", o.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile()).start();
        try (java.io.OutputStream feed = Files.newOutputStream(fifo)) { // opens once the import opens its input
            feed.write((String.join("\n", lines.subList(0, lines.size() / 2)) + "\n").getBytes(StandardCharsets.UTF_8));
            feed.flush();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (temporaries(tmp).isEmpty() && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(temporaries(tmp)).as("the import is writing its output").isNotEmpty();
            p.destroy(); // SIGTERM; Ctrl-C takes the same path (shutdown hooks)
            assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } catch (IOException brokenPipe) {
            // the reader went away first: fine
        }
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("log.txt"))).isNotZero();
        assertThat(temporaries(tmp)).as("hidden .tmp files left").isEmpty();
        assertThat(o).doesNotExist();
    }

    // 6. command line

    @Test
    void noArgumentsIsAUsageError() {
        assertThat(vmalab()).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: vmalab");
    }

    @Test
    void aUsageErrorIsOneLineAndAHelpHint() {
        assertThat(vmalab("replay", "x.csv", "--bogus")).isEqualTo(2);
        assertThat(err.toString().strip().lines().toList()).hasSizeLessThanOrEqualTo(3)
                .anyMatch(l -> l.contains("Unknown option: '--bogus'"))
                .anyMatch(l -> l.contains("./vmalab replay --help"));
    }

    @Test
    void helpFitsEightyColumnsAndListsWholeSentences() {
        for (String[] c : List.of(new String[] {"--help"}, new String[] {"replay", "--help"},
                new String[] {"import", "--help"}, new String[] {"stress", "--help"}, new String[] {"demo", "--help"})) {
            assertThat(vmalab(c)).isZero();
            assertThat(out.toString().lines()).allMatch(l -> l.length() <= 80);
        }
        vmalab("--help");
        String help = out.toString();
        assertThat(help).doesNotContain("while a writer\n", "--amplify max,\n");
        vmalab("replay", "--help");
        assertThat(out.toString()).contains("(default: 0)").doesNotContain(". /vmalab", "6.12.\n");
    }

    @Test
    void stressPrintsCountersNotARecord() {
        assertThat(vmalab("stress", "--strategy", "mas-set", "--iterations", "50", "--out", tmp.resolve("s").toString()))
                .isZero();
        assertThat(out.toString()).contains("lookups ", "success ").doesNotContain("LockCounters[");
    }
}
