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
 * The finished (strategy, run) batches of a replay, kept durably in OUT/.partial/ as they
 * finish: each batch's rows in .partial/r&lt;run&gt;-&lt;strategy&gt;/ (renamed into place whole),
 * and the replay's options in .partial/settings, so {@code replay --resume OUT} runs only the
 * batches that are missing, with the same seeds, and refuses other options. A batch is the
 * unit: one (strategy, run) over every trace and thread count (what one cell JVM does).
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
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(out.resolve(DIR))) {
            for (Path p : ds) {
                if (Files.isDirectory(p) && !p.getFileName().toString().startsWith(".")) {
                    st.rows.put(p.getFileName().toString(), ResultTables.read(p));
                    st.paired.put(p.getFileName().toString(), PairedTables.read(p));
                    st.timing.put(p.getFileName().toString(), TimingTable.read(p));
                    st.done.add(p.getFileName().toString());
                }
            }
        }
        st.deleteUnfinishedHistograms();
        deleteTree(out.resolve(".cells"));
        deleteTree(out.resolve("index.html")); // the report of the partial folder: stale once more cells finish
        deleteTree(out.resolve("report"));
        return st;
    }

    public static String batch(int run, String strategy) {
        return "r" + run + "-" + strategy;
    }

    public synchronized boolean isDone(int run, String strategy) {
        return done.contains(batch(run, strategy));
    }

    /** Records a finished batch durably: its rows appear whole in .partial/ or not at all. */
    public synchronized void finished(int run, String strategy, ResultTables rows, PairedTables pairs,
                                      TimingTable times) throws IOException {
        String name = batch(run, strategy);
        Path tmp = out.resolve(DIR).resolve("." + name + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        rows.write(tmp);
        pairs.write(tmp);
        if (!times.isEmpty()) times.write(tmp);
        Files.move(tmp, out.resolve(DIR).resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        this.rows.put(name, rows);
        this.paired.put(name, pairs);
        this.timing.put(name, times);
        done.add(name);
    }

    /** The finished batches' rows, in {@code order} (batch names): a resumed folder lists rows as an uninterrupted one. */
    public synchronized ResultTables tables(List<String> order) {
        ResultTables all = new ResultTables();
        for (String b : order) if (rows.containsKey(b)) all.addAll(rows.get(b));
        return all;
    }

    /** The finished batches' retry accounting rows, in {@code order}. */
    public synchronized PairedTables paired(List<String> order) {
        PairedTables all = new PairedTables();
        for (String b : order) if (paired.containsKey(b)) all.addAll(paired.get(b));
        return all;
    }

    /** The finished batches' timing rows, in {@code order}. */
    public synchronized TimingTable timing(List<String> order) {
        TimingTable all = new TimingTable();
        for (String b : order) if (timing.containsKey(b)) all.addAll(timing.get(b));
        return all;
    }

    public synchronized int batchesDone() {
        return done.size();
    }

    /** Histogram logs of batches that did not finish (a cell JVM stopped mid-batch) would pass for results. */
    public synchronized void deleteUnfinishedHistograms() throws IOException {
        Path hist = out.resolve(HistogramFiles.DIR);
        if (!Files.isDirectory(hist)) return;
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(hist, "*.hlog")) {
            for (Path p : logs) {
                String[] parts = p.getFileName().toString().replaceFirst("\\.hlog$", "").split("__");
                if (parts.length < 4) continue;
                String strategy = parts[parts.length - 3];
                String run = parts[parts.length - 1].substring(1);
                if (!done.contains("r" + run + "-" + strategy)) Files.delete(p);
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
