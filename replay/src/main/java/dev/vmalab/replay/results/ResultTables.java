package dev.vmalab.replay.results;

import dev.vmalab.traces.io.AtomicOutput;
import dev.vmalab.model.check.Violation;
import dev.vmalab.model.check.ViolationKind;
import dev.vmalab.replay.measure.CellKey;
import dev.vmalab.replay.measure.CellResult;
import dev.vmalab.replay.measure.KernelCompare;
import dev.vmalab.replay.measure.LockCounters;
import dev.vmalab.replay.measure.WorkerRow;
import dev.vmalab.replay.paired.RetryAccounting;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The per-run rows of a result folder (summary, violations, retries, workers), as text.
 * A forked cell writes its rows with {@link #write} into a folder of its own; the parent
 * reads them back with {@link #read} and merges, so one writer serves both.
 */
public final class ResultTables {
    public static final String SUMMARY = "summary.csv";
    public static final String VIOLATIONS = "violations.csv";
    public static final String RETRIES = "retries.csv";
    public static final String WORKERS = "workers.csv";
    public static final String KERNEL_COMPARE = "kernel-compare.csv";
    public static final String KERNEL_DISAGREEMENTS = "kernel-disagreements.csv";

    private final List<List<String>> summary = new ArrayList<>();
    private final List<List<String>> violations = new ArrayList<>();
    private final List<List<String>> retries = new ArrayList<>();
    private final List<List<String>> workers = new ArrayList<>();
    private final List<List<String>> kernelCompare = new ArrayList<>();
    private final List<List<String>> kernelDisagreements = new ArrayList<>();

    public void add(CellResult r) {
        add(r, 0);
    }

    /**
     * A cell of the contention sweep ({@code contentionTarget} > 0) adds its summary and
     * violation rows only: retries.csv and workers.csv have no target column, they stay the
     * unswept cells'.
     */
    public void add(CellResult r, double contentionTarget) {
        CellKey k = r.key();
        List<String> key = List.of(k.trace(), k.strategy(), Integer.toString(k.threads()), Integer.toString(k.run()));
        // summary.csv promises lookups > 0 (a cell whose measured part had no lookup has no row; its violations stay listed)
        if (r.counters().lookups() > 0) summary.add(summaryRow(key, r, contentionTarget));
        for (Violation v : r.violations()) {
            violations.add(concat(key, Long.toString(r.seed()), v.kind().name(), v.thread(),
                    "0x" + Long.toHexString(v.address()), v.node(), v.nodeHistory(), v.detail(), r.repro()));
        }
        if (contentionTarget > 0) return;
        long[] byRetries = r.lookupsByRetries();
        for (int n = 0; n < byRetries.length; n++) {
            if (byRetries[n] > 0) retries.add(concat(key, Integer.toString(n), Long.toString(byRetries[n])));
        }
        for (WorkerRow w : r.workers()) {
            LockCounters c = w.counters();
            workers.add(concat(key, Integer.toString(w.worker()), Integer.toString(w.traceThreads()),
                    Long.toString(w.events()), Long.toString(c.lookups()), Long.toString(c.success()),
                    Long.toString(c.abort()), Long.toString(c.miss()), Long.toString(c.fallback()),
                    Long.toString(w.segvFaults()), Long.toString(w.writerMismatches()), Long.toString(c.retry())));
        }
        addKernelCompare(key, r.kernel());
    }

    private void addKernelCompare(List<String> key, KernelCompare k) {
        if (k.faults() == 0) return;
        kernelCompare.add(compareRow(key, k.pace(), "all", "", k.total(), k.disagreementCount()));
        k.byThread().forEach((tid, c) -> kernelCompare.add(compareRow(key, k.pace(), "thread", Integer.toString(tid),
                c, -1)));
        k.bySlice().forEach((slice, c) -> kernelCompare.add(compareRow(key, k.pace(), "time",
                decimal(slice * k.sliceNs() / 1e6), c, -1)));
        k.byCause().forEach((cause, c) -> kernelCompare.add(compareRow(key, k.pace(), "cause", cause.id(), c,
                c[KernelCompare.K_PER_VMA] + c[KernelCompare.K_ANON_TAKEN] + c[KernelCompare.K_ANON_RETRY]
                        + c[KernelCompare.K_FALLBACK])));
        for (KernelCompare.Disagreement d : k.disagreements()) {
            kernelDisagreements.add(concat(key, Long.toString(d.timeNs()), Integer.toString(d.tid()),
                    "0x" + Long.toHexString(d.address()), d.kernel().name().toLowerCase(Locale.ROOT), d.model(),
                    d.cause().id(), d.detail()));
        }
    }

    /** {@code disagreements} is -1 for the per-thread and per-time rows (written empty); a cause row's is its faults. */
    private static List<String> compareRow(List<String> key, String pace, String scope, String k, long[] c,
                                           long disagreements) {
        long faults = c[KernelCompare.K_PER_VMA] + c[KernelCompare.K_ANON_TAKEN] + c[KernelCompare.K_ANON_RETRY]
                + c[KernelCompare.K_FALLBACK];
        return concat(key, pace, scope, k, Long.toString(faults), Long.toString(c[KernelCompare.K_PER_VMA]),
                Long.toString(c[KernelCompare.K_ANON_TAKEN]), Long.toString(c[KernelCompare.K_ANON_RETRY]),
                Long.toString(c[KernelCompare.K_FALLBACK]), Long.toString(c[KernelCompare.M_PER_VMA]),
                Long.toString(c[KernelCompare.M_ANON_RETRY]), Long.toString(c[KernelCompare.M_FALLBACK]),
                Long.toString(c[KernelCompare.M_SEGV]), disagreements < 0 ? "" : Long.toString(disagreements),
                Long.toString(c[KernelCompare.M_ANON_TAKEN]), Long.toString(c[KernelCompare.M_SPECIAL_RETRY]),
                Long.toString(c[KernelCompare.K_SPECIAL]));
    }

    private static List<String> summaryRow(List<String> key, CellResult r, double contentionTarget) {
        LockCounters c = r.counters();
        Histogram h = r.latency();
        boolean timed = h.getTotalCount() > 0;
        long lookups = c.lookups();
        double perSecond = r.wallMs() > 0 ? lookups / (r.wallMs() / 1000) : lookups * 1000.0;
        var v = r.violationCounts();
        return concat(key, Long.toString(r.seed()), Long.toString(lookups), Long.toString(c.success()),
                Long.toString(c.abort()), Long.toString(c.miss()), Long.toString(c.fallback()),
                Long.toString(c.retryMax()),
                Long.toString(timed ? h.getValueAtPercentile(50) : 0), Long.toString(timed ? h.getValueAtPercentile(90) : 0),
                Long.toString(timed ? h.getValueAtPercentile(99) : 0), Long.toString(timed ? h.getValueAtPercentile(99.9) : 0),
                Long.toString(timed ? h.getMaxValue() : 0), decimal(timed ? h.getMean() : 0),
                decimal(r.nodesPerLookup()), Long.toString(v.get(ViolationKind.USE_AFTER_FREE)),
                Long.toString(v.get(ViolationKind.STALE_NODE)), Long.toString(v.get(ViolationKind.RCU_NOT_HELD)),
                Long.toString(v.get(ViolationKind.WRONG_VMA)), Long.toString(v.get(ViolationKind.STALE_RCU_SECTION)),
                Long.toString(r.violationTotal()),
                decimal(r.wallMs()), decimal(perSecond),
                Long.toString(c.maps().steps()), Long.toString(c.maps().retries()),
                Long.toString(c.maps().gapRewalks()), Long.toString(c.maps().fallbacks()), Long.toString(c.retry()),
                RetryAccounting.fraction(contentionTarget));
    }

    private static String decimal(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }

    private static List<String> concat(List<String> key, String... more) {
        List<String> row = new ArrayList<>(key);
        row.addAll(List.of(more));
        return row;
    }

    public void addAll(ResultTables o) {
        summary.addAll(o.summary);
        violations.addAll(o.violations);
        retries.addAll(o.retries);
        workers.addAll(o.workers);
        kernelCompare.addAll(o.kernelCompare);
        kernelDisagreements.addAll(o.kernelDisagreements);
    }

    public List<List<String>> summary() {
        return List.copyOf(summary);
    }

    public List<List<String>> violations() {
        return List.copyOf(violations);
    }

    public List<List<String>> retries() {
        return List.copyOf(retries);
    }

    public List<List<String>> workers() {
        return List.copyOf(workers);
    }

    public void write(Path dir) throws IOException {
        writeCsv(dir.resolve(SUMMARY), ResultCsv.SUMMARY, summary);
        writeCsv(dir.resolve(VIOLATIONS), ResultCsv.VIOLATIONS, violations);
        writeCsv(dir.resolve(RETRIES), ResultCsv.RETRIES, retries);
        writeCsv(dir.resolve(WORKERS), ResultCsv.WORKERS, workers);
        writeCsv(dir.resolve(KERNEL_COMPARE), ResultCsv.KERNEL_COMPARE, kernelCompare);
        writeCsv(dir.resolve(KERNEL_DISAGREEMENTS), ResultCsv.KERNEL_DISAGREEMENTS, kernelDisagreements);
    }

    public static ResultTables read(Path dir) throws IOException {
        ResultTables t = new ResultTables();
        t.summary.addAll(readCsv(dir.resolve(SUMMARY), ResultCsv.SUMMARY));
        t.violations.addAll(readCsv(dir.resolve(VIOLATIONS), ResultCsv.VIOLATIONS));
        t.retries.addAll(readCsv(dir.resolve(RETRIES), ResultCsv.RETRIES));
        t.workers.addAll(readCsv(dir.resolve(WORKERS), ResultCsv.WORKERS));
        // Written by this build's cells always; a missing file (an older cell folder) is no comparison.
        if (Files.exists(dir.resolve(KERNEL_COMPARE))) {
            t.kernelCompare.addAll(readCsv(dir.resolve(KERNEL_COMPARE), ResultCsv.KERNEL_COMPARE));
            t.kernelDisagreements.addAll(readCsv(dir.resolve(KERNEL_DISAGREEMENTS), ResultCsv.KERNEL_DISAGREEMENTS));
        }
        return t;
    }

    public static void writeCsv(Path file, List<String> columns, List<List<String>> rows) throws IOException {
        AtomicOutput.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter p = new CSVPrinter(w, ResultCsv.writing(columns))) {
                for (List<String> row : rows) p.printRecord(row);
            }
        });
    }

    /** The header line's column names. */
    public static List<String> header(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.parse(in, ResultCsv.READING)) {
            return p.getHeaderNames();
        }
    }

    public static List<List<String>> readCsv(Path file, List<String> columns) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.parse(in, ResultCsv.READING)) {
            if (!p.getHeaderNames().equals(columns)) {
                throw new IOException(file + ": header must be " + String.join(",", columns));
            }
            for (CSVRecord r : p) rows.add(r.toList());
        }
        return rows;
    }
}
