package dev.vmalab.reports.metrics;

import dev.vmalab.reports.results.SummaryRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Folds summary.csv rows into one {@link RunMeasure} per (strategy, threads, run). */
public final class RunMeasures {
    private RunMeasures() {}

    private record Group(String strategy, int threads, int run) {}

    public static List<RunMeasure> of(List<SummaryRow> rows) {
        Map<Group, List<SummaryRow>> groups = new LinkedHashMap<>();
        for (SummaryRow r : rows) {
            groups.computeIfAbsent(new Group(r.strategy(), r.threads(), r.key().run()), g -> new ArrayList<>()).add(r);
        }
        List<RunMeasure> out = new ArrayList<>();
        groups.forEach((g, rs) -> out.add(fold(g, rs)));
        return out;
    }

    private static RunMeasure fold(Group g, List<SummaryRow> rs) {
        long lookups = 0, abort = 0, miss = 0, fallback = 0, violations = 0;
        double mean = 0, p50 = 0, p99 = 0, p999 = 0, nodes = 0, seconds = 0;
        for (SummaryRow r : rs) {
            lookups += r.lookups();
            abort += r.abort();
            miss += r.miss();
            fallback += r.fallback();
            violations += r.violations();
            mean += r.meanNs() * r.lookups();
            p50 += r.p50Ns() * r.lookups();
            p99 += r.p99Ns() * r.lookups();
            p999 += r.p999Ns() * r.lookups();
            nodes += r.nodesPerLookup() * r.lookups();
            // Traces of one run replay one after another: throughput over the run is total lookups / total time.
            seconds += r.lookups() / r.lookupsPerS();
        }
        return new RunMeasure(g.strategy(), g.threads(), g.run(), lookups, abort, miss, fallback, violations,
                mean / lookups, p50 / lookups, p99 / lookups, p999 / lookups, nodes / lookups, lookups / seconds);
    }
}
