package dev.vmalab.replay.results;

import dev.vmalab.replay.paired.PairedTables;
import dev.vmalab.traces.io.AtomicOutput;
import dev.vmalab.traces.io.OutputTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The finished cells of a replay, kept durably in OUT/.partial/ as they finish: each cell's rows
 * (summary, violations, retries, workers, paired, timing) in .partial/&lt;cell&gt;/ (renamed into
 * place whole), and the replay's options in .partial/settings, so {@code replay --resume OUT}
 * runs only the cells that are missing, with the same seeds, and refuses other options. A cell is
 * the unit: one (trace, strategy, threads, run, contention target), named by {@link #cell}. A
 * forked cell JVM records its cells here itself ({@link #attach}); the parent reads them back
 * ({@link #reload}).
 */
public final class ResumeState {
    public static final String DIR = ".partial";
    private static final String SETTINGS = "settings";

    /** What the lab writes into a result folder: a fresh replay removes these, and nothing else. */
    private static final List<String> LAB_FILES = List.of(ResultTables.SUMMARY, ResultTables.VIOLATIONS,
            ResultTables.RETRIES, ResultTables.WORKERS, TracesTable.FILE, MachineInfo.FILE, "index.html", "report",
            "jfr", "flame", "hunt", ".cells", DIR, "kernel-compare.csv", "kernel-disagreements.csv", "matrix.csv",
            PairedTables.PAIRED, "paired-summary.csv", "exposure.csv", "hunt.csv", "calibration.properties",
            "verdict.json", TimingTable.FILE, TimingTable.PASSES_FILE);

    private final Path out;
    private final Set<String> done = new HashSet<>();
    private final java.util.Map<String, ResultTables> rows = new java.util.HashMap<>();
    private final java.util.Map<String, PairedTables> paired = new java.util.HashMap<>();
    private final java.util.Map<String, TimingTable> timing = new java.util.HashMap<>();

    private ResumeState(Path out) {
        this.out = out;
    }

    /**
     * A fresh replay into {@code out}: the lab's files of an earlier replay there are removed
     * (an old index.html, histograms or summary beside new data would be mistaken for this one's).
     */
    public static ResumeState fresh(Path out, String settings) throws IOException {
        OutputTarget.checkFolder(out);
        Files.createDirectories(out);
        for (String name : LAB_FILES) deleteTree(out.resolve(name));
        deleteLabFiles(out);
        HistogramFiles.deleteAll(out);
        ResumeState st = new ResumeState(out);
        Files.createDirectories(out.resolve(DIR));
        AtomicOutput.writeString(out.resolve(DIR).resolve(SETTINGS), settings);
        return st;
    }

    /** An interrupted replay in {@code out}, to be continued with the same {@code settings}. */
    public static ResumeState resume(Path out, String settings) throws IOException {
        Path file = out.resolve(DIR).resolve(SETTINGS);
        if (!Files.isDirectory(out)) throw new IOException(out + ": no such result folder to resume");
        if (!Files.isRegularFile(file)) {
            throw new IOException(out + ": nothing to resume (no " + DIR + "/" + SETTINGS
                    + "; the replay there finished, or was not made by this version)");
        }
        String before = Files.readString(file, StandardCharsets.UTF_8);
        if (!before.equals(settings)) {
            throw new IOException(out + ": --resume needs the options of the interrupted replay: "
                    + before.strip().replace('\n', ' ') + " (given: " + settings.strip().replace('\n', ' ') + ")");
        }
        ResumeState st = new ResumeState(out);
        st.deleteTemporaries();
        st.scan(true);
        st.deleteUnfinishedHistograms();
        deleteTree(out.resolve(".cells"));
        deleteTree(out.resolve("index.html")); // the report of the partial folder: stale once more cells finish
        deleteTree(out.resolve("report"));
        return st;
    }

    /**
     * A forked cell JVM's view of the replay its parent runs in {@code out}: which cells are done
     * (it skips them), and where it records the ones it finishes. The parent checked the settings.
     */
    public static ResumeState attach(Path out) throws IOException {
        ResumeState st = new ResumeState(out);
        st.scan(false);
        return st;
    }

    /** {@code <trace>__<strategy>__t<threads>__r<run>__c<target>}: one cell's folder in .partial/. */
    public static String cell(dev.vmalab.replay.measure.CellKey key, double contentionTarget) {
        return key.fileStem() + "__c" + contentionTarget;
    }

    public synchronized boolean isDone(String cell) {
        return done.contains(cell);
    }

    /** Reads the cells another JVM (a forked cell) recorded in .partial/ since the last look. */
    public synchronized void reload() throws IOException {
        scan(true);
    }

    private void scan(boolean withRows) throws IOException {
        Path dir = out.resolve(DIR);
        if (!Files.isDirectory(dir)) return;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!Files.isDirectory(p) || name.startsWith(".") || (withRows && rows.containsKey(name))) continue;
                if (withRows) {
                    rows.put(name, ResultTables.read(p));
                    paired.put(name, PairedTables.read(p));
                    timing.put(name, TimingTable.read(p));
                }
                done.add(name);
            }
        }
    }

    /** Temporary cell folders a stopped JVM left in .partial/ (never renamed into place: not finished). */
    public synchronized void deleteTemporaries() throws IOException {
        Path dir = out.resolve(DIR);
        if (!Files.isDirectory(dir)) return;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path p : ds) deleteTree(p);
        }
    }

    /**
     * Records a finished cell durably: its rows appear whole in .partial/ or not at all. Recording a
     * cell again replaces it (the in-process timed rounds time a run's unswept cells together).
     */
    public synchronized void finished(String name, ResultTables rows, PairedTables pairs, TimingTable times)
            throws IOException {
        Path tmp = out.resolve(DIR).resolve("." + name + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        rows.write(tmp);
        pairs.write(tmp);
        if (!times.isEmpty()) times.write(tmp);
        Path dest = out.resolve(DIR).resolve(name);
        if (Files.exists(dest)) deleteTree(dest); // the rounds' group again (see above)
        Files.move(tmp, dest, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        this.rows.put(name, rows);
        this.paired.put(name, pairs);
        this.timing.put(name, times);
        done.add(name);
    }

    /** The finished cells' rows, in {@code order} (cell names): a resumed folder lists rows as an uninterrupted one. */
    public synchronized ResultTables tables(List<String> order) {
        ResultTables all = new ResultTables();
        for (String b : order) if (rows.containsKey(b)) all.addAll(rows.get(b));
        return all;
    }

    /** The finished cells' retry accounting rows, in {@code order}. */
    public synchronized PairedTables paired(List<String> order) {
        PairedTables all = new PairedTables();
        for (String b : order) if (paired.containsKey(b)) all.addAll(paired.get(b));
        return all;
    }

    /** The finished cells' timing rows, in {@code order}. */
    public synchronized TimingTable timing(List<String> order) {
        TimingTable all = new TimingTable();
        for (String b : order) if (timing.containsKey(b)) all.addAll(timing.get(b));
        return all;
    }

    /** How many of the cells in {@code order} are done. */
    public synchronized long cellsDone(List<String> order) {
        return order.stream().filter(done::contains).count();
    }

    /** Histogram logs of cells that did not finish (a cell JVM stopped mid-cell) would pass for results. */
    public synchronized void deleteUnfinishedHistograms() throws IOException {
        Path hist = out.resolve(HistogramFiles.DIR);
        if (!Files.isDirectory(hist)) return;
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(hist, "*.hlog")) {
            for (Path p : logs) {
                // only unswept cells (target 0) have logs (docs/result-format.md)
                String stem = p.getFileName().toString().replaceFirst("\\.hlog$", "");
                if (!done.contains(stem + "__c" + 0.0)) Files.delete(p);
            }
        }
    }

    /** The whole replay finished: the resume state is no longer needed. */
    public synchronized void complete() throws IOException {
        deleteTree(out.resolve(DIR));
    }

    /** compare-vs-*.html/json/csv pages and a report's leftovers: written by the lab, stale after a new replay. */
    private static void deleteLabFiles(Path out) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(out, "compare-vs-*")) {
            for (Path p : ds) if (Files.isRegularFile(p)) Files.delete(p);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
