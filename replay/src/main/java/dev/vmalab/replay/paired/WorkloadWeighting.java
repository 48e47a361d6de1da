package dev.vmalab.replay.paired;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.retry.RetryMatrix;
import dev.vmalab.model.retry.RetryResult;
import dev.vmalab.replay.results.ResultCsv;
import dev.vmalab.traces.stats.ExposureKind;
import dev.vmalab.traces.stats.StatsReport;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The retry cost expected at a trace's own contention, even when the replay caught no -EAGAIN:
 * for each exposure kind K of the trace ({@code trace stats}' race exposure by kind),
 * expected extra = exposure_K x P(-EAGAIN | exposure) x (matrix row K of the strategy - the
 * reference's). P is what the replay measured: its misses over its exposed faults (the trace's
 * exposure share x its lookups), pooled over runs and the per-VMA strategies, with a one-sided
 * 95 % upper bound (no miss in n exposed faults: the rule of three, 3/n). exposure.csv's
 * {@code basis = workload} rows (docs/result-format.md).
 *
 * <p>Simplifications (said in docs/result-format.md): one P for every kind (a kind whose changes
 * never detach the VMA gives no -EAGAIN, and its matrix row no difference); each kind weighted
 * by its one matrix row, on the matrix's small tree (node counts as matrix.csv's). Neither
 * touches the verdict, which ranks on the paired events and the sweep; they scale the bound.
 */
final class WorkloadWeighting {
    /** One (trace, threads) group at contention target 0. */
    record Estimate(long misses, double exposedTrials, double p, double pUpper) {
        boolean captured() {
            return misses > 0;
        }

        String basis() {
            if (exposedTrials <= 0) {
                return "no fault of the trace landed in a VMA another thread changed within "
                        + dev.vmalab.traces.stats.TraceStats.DEFAULT_WINDOW_US + " us: nothing for a retry to weight";
            }
            return misses == 0 ? "no -EAGAIN in " + Math.round(exposedTrials) + " exposed faults: P <= 3/n (rule of three)"
                    : misses + " -EAGAIN in " + Math.round(exposedTrials) + " exposed faults (Poisson 95 % upper bound)";
        }
    }

    /** A strategy's expected extra work per million faults, point (P) and upper (P's bound). */
    record Extra(double aborts, double nodes, double abortsUpper, double nodesUpper) {}

    private WorkloadWeighting() {}

    /** P(-EAGAIN | exposure) of one (trace, threads) group, from summary.csv rows at contention target 0. */
    static Map<List<String>, Estimate> estimates(List<List<String>> summary, Map<String, StatsReport> exposure,
                                                 List<LookupStrategy> compared) {
        int sTrace = ResultCsv.SUMMARY.indexOf("trace");
        int sStrategy = ResultCsv.SUMMARY.indexOf("strategy");
        int sThreads = ResultCsv.SUMMARY.indexOf("threads");
        int sLookups = ResultCsv.SUMMARY.indexOf("lookups");
        int sMiss = ResultCsv.SUMMARY.indexOf("miss");
        int sTarget = ResultCsv.SUMMARY.indexOf("contention_target");
        Set<String> perVma = new java.util.HashSet<>();
        for (LookupStrategy s : compared) if (s.usesPerVmaLocks()) perVma.add(s.name());
        Map<List<String>, long[]> sums = new LinkedHashMap<>();
        for (List<String> r : summary) {
            if (Double.parseDouble(r.get(sTarget)) != 0 || !exposure.containsKey(r.get(sTrace))) continue;
            if (!perVma.contains(r.get(sStrategy))) continue; // mmap-lock-only never meets vma_start_read()
            long[] t = sums.computeIfAbsent(List.of(r.get(sTrace), r.get(sThreads)), k -> new long[2]);
            t[0] += Long.parseLong(r.get(sLookups));
            t[1] += Long.parseLong(r.get(sMiss));
        }
        Map<List<String>, Estimate> out = new LinkedHashMap<>();
        sums.forEach((g, t) -> {
            double n = t[0] * exposure.get(g.get(0)).raceExposure();
            double p = n > 0 ? Math.min(1, t[1] / n) : 0;
            double upper = n > 0 ? Math.min(1, poissonUpper95(t[1]) / n) : 0;
            out.put(g, new Estimate(t[1], n, p, upper));
        });
        return out;
    }

    /**
     * The matrix's extra aborts and node reads of each strategy against {@code ref}, per kind's row:
     * kind -> strategy -> {extra aborts, extra nodes} for one event of that kind.
     */
    static Map<ExposureKind, Map<String, double[]>> rowDifferences(List<RetryMatrix.Cell> matrix, String ref) {
        Map<String, Map<String, RetryResult>> byRow = new HashMap<>();
        for (RetryMatrix.Cell c : matrix) {
            byRow.computeIfAbsent(c.scenario().name(), k -> new LinkedHashMap<>()).put(c.strategy().name(), c.result());
        }
        Map<ExposureKind, Map<String, double[]>> out = new LinkedHashMap<>();
        for (ExposureKind k : ExposureKind.values()) {
            Map<String, double[]> d = new LinkedHashMap<>();
            Map<String, RetryResult> row = k.row() == null ? null : byRow.get(k.row());
            RetryResult base = row == null ? null : row.get(ref);
            if (row != null && base != null) {
                row.forEach((s, r) -> d.put(s, new double[] {aborts(r) - aborts(base), r.nodesRead() - base.nodesRead()}));
            } // no row (NEW_MAPPING, IN_PLACE: no VMA detached, every strategy runs the same code): no difference
            out.put(k, d);
        }
        return out;
    }

    private static int aborts(RetryResult r) {
        return r.outcome().fallsBack() ? 1 : 0;
    }

    /** Expected extra per million faults of {@code strategy}, for one kind or (kind null) all. */
    static Extra extra(StatsReport trace, Estimate est, Map<ExposureKind, Map<String, double[]>> diffs, String strategy,
                       ExposureKind only) {
        double a = 0;
        double n = 0;
        for (ExposureKind k : ExposureKind.values()) {
            if (only != null && k != only) continue;
            double[] d = diffs.get(k).get(strategy);
            if (d == null) continue;
            double exposed = trace.exposedPerMillion(k);
            a += exposed * d[0];
            n += exposed * d[1];
        }
        return new Extra(a * est.p(), n * est.p(), a * est.pUpper(), n * est.pUpper());
    }

    /**
     * The one-sided 95 % upper confidence limit of a Poisson mean after {@code k} events: the mean at
     * which seeing at most k has probability 0.05 (k = 0: -ln 0.05 = 3.0, the rule of three).
     */
    static double poissonUpper95(long k) {
        if (k == 0) return 3.0; // -ln 0.05 = 2.996: the rule of three
        if (k > 500) return k + 1.645 * Math.sqrt(k) + 1; // normal approximation (exp(-mean) would underflow)
        double lo = k;
        double hi = k + 10 + 10 * Math.sqrt(k + 1.0);
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (poissonCdf(k, mid) > 0.05) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2;
    }

    private static double poissonCdf(long k, double mean) {
        double term = Math.exp(-mean);
        double sum = term;
        for (long i = 1; i <= k; i++) {
            term *= mean / i;
            sum += term;
        }
        return sum;
    }
}
