package dev.vmalab.replay.paired;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.maple.WalkSemantics;
import dev.vmalab.model.retry.RetryMatrix;
import dev.vmalab.model.retry.RetryOutcome;
import dev.vmalab.replay.results.MachineInfo;
import dev.vmalab.replay.results.ResultCsv;
import dev.vmalab.replay.results.ResultTables;
import dev.vmalab.traces.stats.ExposureKind;
import dev.vmalab.traces.stats.StatsReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The retry accounting files of a result folder (docs/result-format.md): matrix.csv,
 * paired.csv, paired-summary.csv, exposure.csv, and the keys paired_reference,
 * unit_cost_* and paired_bound in machine.properties.
 */
public final class PairedFiles {
    public static final String MATRIX = "matrix.csv";
    public static final String SUMMARY = "paired-summary.csv";
    public static final String EXPOSURE = "exposure.csv";
    public static final List<String> SUMMARY_COLUMNS = List.of("trace", "threads", "run", "strategy", "events", "locked",
            "abort_range", "abort_null", "eagain_again", "violations", "nodes_read", "walks_from_root", "extra_aborts",
            "extra_nodes", "contention_target");
    public static final List<String> EXPOSURE_COLUMNS = List.of("trace", "threads", "contention_target", "strategy",
            "kind", "events", "faults", "events_per_million_faults", "extra_aborts_per_million_faults",
            "extra_nodes_per_million_faults", "extra_ns_per_fault", "correct", "correct_spread_ns_per_fault",
            "basis", "matrix_row", "p_eagain", "p_eagain_upper", "extra_aborts_per_million_faults_upper",
            "extra_nodes_per_million_faults_upper", "extra_ns_per_fault_upper");
    /** exposure.csv's {@code basis}: rows from the captured -EAGAINs, rows expected from the trace's exposure. */
    public static final String CAPTURED = "captured";
    public static final String WORKLOAD = "workload";
    private static final String ALL = "all";

    private static final int P_TRACE = PairedTables.COLUMNS.indexOf("trace");
    private static final int P_THREADS = PairedTables.COLUMNS.indexOf("threads");
    private static final int P_RUN = PairedTables.COLUMNS.indexOf("run");
    private static final int P_STRATEGY = PairedTables.COLUMNS.indexOf("strategy");
    private static final int P_KIND = PairedTables.COLUMNS.indexOf("scenario");
    private static final int P_OUTCOME = PairedTables.COLUMNS.indexOf("outcome");
    private static final int P_NODES = PairedTables.COLUMNS.indexOf("nodes_read");
    private static final int P_ROOT = PairedTables.COLUMNS.indexOf("walks_from_root");
    private static final int P_TARGET = PairedTables.COLUMNS.indexOf("contention_target");

    private PairedFiles() {}

    /** Per-strategy tallies of one group of paired rows. */
    private static final class Tally {
        long events;
        long locked;
        long abortRange;
        long abortNull;
        long again;
        long violations;
        long nodes;
        long root;

        void add(List<String> row) {
            events++;
            switch (RetryOutcome.valueOf(row.get(P_OUTCOME))) {
                case LOCKED -> locked++;
                case ABORT_RANGE -> abortRange++;
                case ABORT_NULL -> abortNull++;
                case EAGAIN_AGAIN -> again++;
                case VIOLATION -> violations++;
            }
            nodes += Long.parseLong(row.get(P_NODES));
            root += Long.parseLong(row.get(P_ROOT));
        }

        long aborts() {
            return abortRange + abortNull;
        }
    }

    /** mas-set when compared, else the first strategy. */
    public static String reference(List<LookupStrategy> compared) {
        return compared.stream().anyMatch(s -> s.name().equals("mas-set")) ? "mas-set" : compared.getFirst().name();
    }

    /**
     * @param exposure each replayed trace's {@code trace stats} (race exposure by kind), by trace name; empty
     *                 when there is no trace (stress): then no workload rows
     */
    public static void write(Path out, List<LookupStrategy> compared, PairedTables paired, List<List<String>> summary,
                             WalkSemantics semantics, UnitCosts costs, Map<String, StatsReport> exposure) throws IOException {
        List<List<String>> matrix = new ArrayList<>();
        Set<String> caught = new HashSet<>();
        List<RetryMatrix.Cell> cells = RetryMatrix.run(dev.vmalab.model.retry.Scenarios.all(), compared, semantics);
        for (RetryMatrix.Cell c : cells) {
            matrix.add(RetryMatrix.row(c));
            if (c.result().outcome() == RetryOutcome.VIOLATION) caught.add(c.strategy().name());
        }
        ResultTables.writeCsv(out.resolve(MATRIX), RetryMatrix.COLUMNS, matrix);
        ResultTables.writeCsv(out.resolve(PairedTables.PAIRED), PairedTables.COLUMNS, paired.rows());
        String ref = reference(compared);
        for (List<String> r : paired.rows()) {
            if (r.get(P_OUTCOME).equals(RetryOutcome.VIOLATION.name())) caught.add(r.get(P_STRATEGY));
        }
        ResultTables.writeCsv(out.resolve(SUMMARY), SUMMARY_COLUMNS, summaryRows(paired.rows(), compared, ref));
        Map<String, String> bounds = new LinkedHashMap<>();
        List<List<String>> exposureRows = new ArrayList<>(exposureRows(paired.rows(), summary, compared, ref, caught,
                costs, bounds));
        exposureRows.addAll(workloadRows(exposure, summary, compared, ref, caught, costs, cells, bounds));
        ResultTables.writeCsv(out.resolve(EXPOSURE), EXPOSURE_COLUMNS, exposureRows);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("paired_reference", ref);
        props.put("paired_unreadable_events", Long.toString(paired.unreadable())); // unreadable layout or unbuildable event
        props.put("unit_cost_node_read_ns", decimal(costs.nsPerNodeRead()));
        props.put("unit_cost_fallback_ns", decimal(costs.nsPerFallback()));
        props.put("unit_cost_source", costs.source());
        // the trace's own contention first (the workload's bound), then the sweep's levels
        props.put("paired_bound", String.join("; ", bounds.entrySet().stream()
                .sorted(java.util.Comparator.comparing(e -> !e.getKey().endsWith(" at contention 0")))
                .map(e -> e.getKey() + ": " + e.getValue()).toList()));
        MachineInfo.append(out, props);
    }

    private static List<List<String>> summaryRows(List<List<String>> rows, List<LookupStrategy> compared, String ref) {
        Map<List<String>, Map<String, Tally>> groups = new LinkedHashMap<>();
        for (List<String> r : rows) {
            List<String> g = List.of(r.get(P_TRACE), r.get(P_THREADS), r.get(P_RUN), r.get(P_TARGET));
            groups.computeIfAbsent(g, k -> new LinkedHashMap<>()).computeIfAbsent(r.get(P_STRATEGY), k -> new Tally()).add(r);
        }
        List<List<String>> out = new ArrayList<>();
        groups.forEach((g, byStrategy) -> {
            Tally base = byStrategy.getOrDefault(ref, new Tally());
            for (LookupStrategy s : compared) {
                Tally t = byStrategy.getOrDefault(s.name(), new Tally());
                out.add(List.of(g.get(0), g.get(1), g.get(2), s.name(), Long.toString(t.events), Long.toString(t.locked),
                        Long.toString(t.abortRange), Long.toString(t.abortNull), Long.toString(t.again),
                        Long.toString(t.violations), Long.toString(t.nodes), Long.toString(t.root),
                        Long.toString(t.aborts() - base.aborts()), Long.toString(t.nodes - base.nodes), g.get(3)));
            }
        });
        return out;
    }

    private static List<List<String>> exposureRows(List<List<String>> rows, List<List<String>> summary,
                                                   List<LookupStrategy> compared, String ref, Set<String> caught,
                                                   UnitCosts costs, Map<String, String> bounds) {
        int sTrace = ResultCsv.SUMMARY.indexOf("trace");
        int sThreads = ResultCsv.SUMMARY.indexOf("threads");
        int sLookups = ResultCsv.SUMMARY.indexOf("lookups");
        int sTarget = ResultCsv.SUMMARY.indexOf("contention_target");
        Map<List<String>, Long> faults = new LinkedHashMap<>();
        for (List<String> s : summary) {
            List<String> g = List.of(s.get(sTrace), s.get(sThreads), s.get(sTarget));
            faults.merge(g, Long.parseLong(s.get(sLookups)), Long::sum);
        }
        // (trace, threads, target) -> kind -> strategy -> tally
        Map<List<String>, Map<String, Map<String, Tally>>> groups = new LinkedHashMap<>();
        for (List<String> r : rows) {
            List<String> g = List.of(r.get(P_TRACE), r.get(P_THREADS), r.get(P_TARGET));
            Map<String, Map<String, Tally>> kinds = groups.computeIfAbsent(g, k -> new TreeMap<>());
            for (String kind : List.of(ALL, r.get(P_KIND))) {
                kinds.computeIfAbsent(kind, k -> new LinkedHashMap<>()).computeIfAbsent(r.get(P_STRATEGY), k -> new Tally()).add(r);
            }
        }
        List<List<String>> out = new ArrayList<>();
        for (List<String> g : faults.keySet()) groups.computeIfAbsent(g, k -> new TreeMap<>()).computeIfAbsent(ALL, k -> new LinkedHashMap<>());
        groups.forEach((g, kinds) -> {
            long n = faults.getOrDefault(g, 0L);
            double perMillion = n == 0 ? 0 : 1e6 / n;
            Map<String, Tally> all = kinds.get(ALL);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (LookupStrategy s : compared) {
                if (!isCorrect(s, caught)) continue;
                double ns = extraNs(all, s.name(), ref, costs, n);
                lo = Math.min(lo, ns);
                hi = Math.max(hi, ns);
            }
            String spread = hi >= lo ? decimal(hi - lo) : "";
            long events = all.getOrDefault(ref, new Tally()).events;
            if (!spread.isEmpty() && (events > 0 || !g.get(2).equals("0"))) {
                bounds.put(key(g.get(0), g.get(1), g.get(2)), "correct strategies differ by at most " + spread
                        + " ns per fault (paired on " + events + " captured -EAGAINs)");
            }
            kinds.forEach((kind, byStrategy) -> {
                Tally base = byStrategy.getOrDefault(ref, new Tally());
                for (LookupStrategy s : compared) {
                    Tally t = byStrategy.getOrDefault(s.name(), new Tally());
                    out.add(List.of(g.get(0), g.get(1), g.get(2), s.name(), kind, Long.toString(t.events), Long.toString(n),
                            decimal(t.events * perMillion), decimal((t.aborts() - base.aborts()) * perMillion),
                            decimal((t.nodes - base.nodes) * perMillion), decimal(extraNs(byStrategy, s.name(), ref, costs, n)),
                            Boolean.toString(isCorrect(s, caught)), kind.equals(ALL) ? spread : "", CAPTURED,
                            kind.equals(ALL) ? "" : row(kind), "", "", "", "", ""));
                }
            });
        });
        return out;
    }

    /** matrix.csv's row for a paired.csv kind ("" when the kind has none). */
    private static String row(String kind) {
        ExposureKind k = ExposureKind.ofLabel(kind);
        return k == null || k.row() == null ? "" : k.row();
    }

    private static String key(String trace, String threads, String target) {
        return trace + " t" + threads + " at contention " + target;
    }

    /**
     * The {@code basis = workload} rows: per (trace, threads) at the trace's own contention, each kind's exposure
     * x P(-EAGAIN | exposure) x the matrix row's difference ({@link WorkloadWeighting}); where the replay captured
     * no -EAGAIN, the bound sentence comes from these rows' upper values.
     */
    private static List<List<String>> workloadRows(Map<String, StatsReport> exposure, List<List<String>> summary,
                                                   List<LookupStrategy> compared, String ref, Set<String> caught,
                                                   UnitCosts costs, List<RetryMatrix.Cell> cells, Map<String, String> bounds) {
        Map<ExposureKind, Map<String, double[]>> diffs = WorkloadWeighting.rowDifferences(cells, ref);
        List<List<String>> out = new ArrayList<>();
        WorkloadWeighting.estimates(summary, exposure, compared).forEach((g, est) -> {
            StatsReport trace = exposure.get(g.get(0));
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (LookupStrategy s : compared) {
                if (!isCorrect(s, caught)) continue;
                double ns = ns(WorkloadWeighting.extra(trace, est, diffs, s.name(), null), costs, true);
                lo = Math.min(lo, ns);
                hi = Math.max(hi, ns);
            }
            String spread = hi >= lo ? sci(hi - lo) : "";
            String k = key(g.get(0), g.get(1), "0");
            if (!spread.isEmpty() && (!bounds.containsKey(k) || !est.captured())) {
                bounds.put(k, "on this workload the correct strategies differ by at most " + up3(hi - lo) + " ns per fault "
                        + "(expected: race exposure by kind x P(-EAGAIN | exposure) <= "
                        + String.format(Locale.ROOT, "%.3g", est.pUpper()) + " (" + est.basis() + ") x the retry matrix)");
            }
            List<ExposureKind> kinds = new ArrayList<>();
            kinds.add(null);
            for (ExposureKind kind : ExposureKind.values()) if (trace.exposed(kind) > 0) kinds.add(kind);
            for (ExposureKind kind : kinds) {
                long events = kind == null ? trace.racyFaults() : trace.exposed(kind);
                double perMillion = kind == null ? 1e6 * trace.raceExposure() : trace.exposedPerMillion(kind);
                for (LookupStrategy s : compared) {
                    WorkloadWeighting.Extra x = WorkloadWeighting.extra(trace, est, diffs, s.name(), kind);
                    out.add(List.of(g.get(0), g.get(1), "0", s.name(), kind == null ? ALL : kind.label(),
                            Long.toString(events), Long.toString(trace.faults()), decimal(perMillion), decimal(x.aborts()),
                            decimal(x.nodes()), sci(ns(x, costs, false)), Boolean.toString(isCorrect(s, caught)),
                            kind == null ? spread : "", WORKLOAD, kind == null || kind.row() == null ? "" : kind.row(),
                            sci(est.p()), sci(est.pUpper()), sci(x.abortsUpper()), sci(x.nodesUpper()),
                            sci(ns(x, costs, true))));
                }
            }
        });
        return out;
    }

    private static double ns(WorkloadWeighting.Extra x, UnitCosts costs, boolean upper) {
        double a = upper ? x.abortsUpper() : x.aborts();
        double n = upper ? x.nodesUpper() : x.nodes();
        return (a * costs.nsPerFallback() + n * costs.nsPerNodeRead()) / 1e6;
    }

    /**
     * Correct for the bound: not known to be wrong, no violation in the matrix or the paired
     * events, and uses per-VMA locks (mmap-lock-only's cost is every fault's fallback, not its retries').
     */
    private static boolean isCorrect(LookupStrategy s, Set<String> caught) {
        return !s.knownIncorrect() && s.usesPerVmaLocks() && !caught.contains(s.name());
    }

    private static double extraNs(Map<String, Tally> byStrategy, String strategy, String ref, UnitCosts costs, long faults) {
        if (faults == 0) return 0;
        Tally t = byStrategy.getOrDefault(strategy, new Tally());
        Tally b = byStrategy.getOrDefault(ref, new Tally());
        return ((t.aborts() - b.aborts()) * costs.nsPerFallback() + (t.nodes - b.nodes) * costs.nsPerNodeRead()) / faults;
    }

    /** Six significant digits: per-fault figures of a rare retry are far below decimal()'s 1e-6. */
    private static String sci(double d) {
        return String.format(Locale.ROOT, "%.6g", d);
    }

    /** Three significant digits, rounded up: a bound is never printed smaller than it is. */
    static String up3(double d) {
        if (d <= 0) return "0";
        double scale = Math.pow(10, Math.floor(Math.log10(d)) - 2);
        return String.format(Locale.ROOT, "%.3g", Math.ceil(d / scale - 1e-9) * scale);
    }

    private static String decimal(double d) {
        return String.format(Locale.ROOT, "%.6f", d);
    }
}
