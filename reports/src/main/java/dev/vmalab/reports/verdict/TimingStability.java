package dev.vmalab.reports.verdict;

import dev.vmalab.reports.metrics.Differences;
import dev.vmalab.reports.metrics.Judgement;
import dev.vmalab.reports.metrics.MetricDifference;
import dev.vmalab.reports.results.RunKey;
import dev.vmalab.reports.results.SummaryRow;
import dev.vmalab.reports.results.TimingCsv;
import dev.vmalab.reports.stats.Samples;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Can this folder's timing be trusted: per (trace, threads, strategy) the per-run mean latency over
 * the runs the timing rule kept (timing.csv's mean_ns; summary.csv's without timing.csv), its
 * coefficient of variation, and per (trace, threads) whether the A/A control was judged different
 * from the strategy it repeats (the same test as every timing difference, on those per-run means).
 *
 * @param source where the per-run means come from (timing.csv, or summary.csv in a folder without it)
 * @param rule   the timing rule that kept or discarded the runs: the folder's machine.properties
 *               {@code timing_rule} (what its replay applied), else {@link CheapestRule#TIMING_RULE}
 */
public record TimingStability(List<Row> rows, List<AaTrace> aa, AaFamily.Pooled aaPooled, String source, String rule) {
    /** A per-run mean latency varying by more than this (SD / mean, percent) over the kept runs is marked. */
    public static final double CV_LIMIT_PERCENT = 5.0;

    /**
     * @param runMeans   the kept runs' mean latencies (ns per lookup), in run order
     * @param discarded  runs the timing rule called disturbed (left out of runMeans)
     * @param passes     passes replayed over all its runs, and of them kept (-1: folder without per-pass timing)
     * @param rawRunMeans the same runs' means without the machine factor (timing.csv raw_mean_ns; = runMeans before it)
     */
    public record Row(String trace, int threads, String strategy, List<Double> runMeans, int discarded, long passes,
                      long keptPasses, List<Double> rawRunMeans) {
        public Row(String trace, int threads, String strategy, List<Double> runMeans, int discarded, long passes,
                   long keptPasses) {
            this(trace, threads, strategy, runMeans, discarded, passes, keptPasses, runMeans);
        }

        public int kept() {
            return runMeans.size();
        }

        public double meanNs() {
            return Samples.mean(values());
        }

        /** SD / mean of the kept runs' means, percent; NaN with fewer than 2 kept runs. */
        public double cvPercent() {
            return cv(values());
        }

        /** The same before the machine factor (CommonSlowdown): what the machine's changing speed alone gives. */
        public double rawCvPercent() {
            return cv(rawRunMeans.stream().mapToDouble(Double::doubleValue).toArray());
        }

        private static double cv(double[] v) {
            if (v.length < 2) return Double.NaN;
            double m = Samples.mean(v);
            return m == 0 ? Double.NaN : 100 * Samples.standardDeviation(v) / m;
        }

        /** Over the limit, or not known (fewer than 2 kept runs): marked either way. */
        public boolean marked() {
            double cv = cvPercent();
            return Double.isNaN(cv) || cv > CV_LIMIT_PERCENT;
        }

        private double[] values() {
            return runMeans.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /**
     * The A/A judgement at one (trace, threads): {@code difference} is control − reference on the kept runs,
     * {@code holmP} its Mann-Whitney p Holm-adjusted over every (trace, threads) of the folder (AaFamily says why).
     */
    public record AaTrace(String trace, int threads, MetricDifference difference, double holmP) {
        public boolean judgedDifferent() {
            return difference.judgement().significant() && holmP < Differences.ALPHA;
        }
    }

    public static TimingStability of(List<SummaryRow> rows, List<TimingCsv.Row> timing, String control,
                                     String folderRule, Differences differences) {
        Map<RunKey, TimingCsv.Row> byKey = new HashMap<>();
        for (TimingCsv.Row t : timing) byKey.put(t.key(), t);
        Map<List<Object>, List<SummaryRow>> cells = new LinkedHashMap<>();
        for (SummaryRow r : rows) {
            cells.computeIfAbsent(List.of(r.key().trace(), r.key().threads(), r.key().strategy()), k -> new ArrayList<>()).add(r);
        }
        List<Row> out = new ArrayList<>();
        for (List<SummaryRow> runs : cells.values()) {
            List<SummaryRow> ordered = runs.stream().sorted(java.util.Comparator.comparingInt(r -> r.key().run())).toList();
            List<Double> means = new ArrayList<>();
            List<Double> raw = new ArrayList<>();
            int discarded = 0;
            long passes = 0, kept = 0;
            boolean perPass = true;
            for (SummaryRow r : ordered) {
                TimingCsv.Row t = byKey.get(r.key());
                if (t == null) {
                    means.add(r.meanNs());
                    raw.add(r.meanNs());
                    perPass = false;
                    continue;
                }
                if (t.passes() < 0) perPass = false;
                passes += t.passes();
                kept += t.keptPasses();
                if (t.disturbed()) discarded++;
                else {
                    means.add(t.meanNs());
                    raw.add(t.rawMeanNs());
                }
            }
            SummaryRow first = ordered.getFirst();
            out.add(new Row(first.key().trace(), first.key().threads(), first.key().strategy(), List.copyOf(means),
                    discarded, perPass ? passes : -1, perPass ? kept : -1, List.copyOf(raw)));
        }
        List<MetricDifference> diffs = new ArrayList<>();
        List<Row> aaRows = new ArrayList<>();
        List<double[][]> pairs = new ArrayList<>();
        if (AaControl.isControl(control)) {
            String base = control.substring(0, control.length() - AaControl.SUFFIX.length());
            for (Row c : out) {
                if (!c.strategy().equals(control)) continue;
                out.stream().filter(b -> b.strategy().equals(base) && b.trace().equals(c.trace()) && b.threads() == c.threads())
                        .findFirst().ifPresent(b -> {
                            diffs.add(differences.compare(CheapestRule.PRIMARY, base, b.values(), control, c.values()));
                            aaRows.add(c);
                            pairs.add(new double[][] {b.values(), c.values()});
                        });
            }
        }
        double[] holm = AaFamily.holm(diffs.stream().mapToDouble(MetricDifference::mannWhitneyP).toArray());
        List<AaTrace> aa = new ArrayList<>();
        for (int i = 0; i < diffs.size(); i++) {
            aa.add(new AaTrace(aaRows.get(i).trace(), aaRows.get(i).threads(), diffs.get(i), holm[i]));
        }
        return new TimingStability(List.copyOf(out), List.copyOf(aa), AaFamily.pooled(pairs),
                timing.isEmpty() ? "summary.csv" : "timing.csv",
                folderRule == null || folderRule.isBlank() ? CheapestRule.TIMING_RULE : folderRule);
    }

    /** Every (trace, threads, strategy) has at least 2 kept runs and a CV within the limit. */
    public boolean allWithinLimit() {
        return !rows.isEmpty() && rows.stream().noneMatch(Row::marked);
    }

    /** No (trace, threads) judged different after Holm's adjustment, nor the pooled test over all of them. */
    public boolean aaNeverJudgedDifferent() {
        return !aa.isEmpty() && aa.stream().noneMatch(AaTrace::judgedDifferent)
                && (aaPooled == null || !aaPooled.judgedDifferent());
    }

    public Optional<Row> worst() {
        return rows.stream().max(java.util.Comparator.comparingDouble(r -> Double.isNaN(r.cvPercent())
                ? Double.POSITIVE_INFINITY : r.cvPercent()));
    }

    /** One line: are all CVs within the limit, and was the A/A control ever judged different. */
    public String line() {
        if (rows.isEmpty()) return "timing stability: no timed runs in this folder";
        long marked = rows.stream().filter(Row::marked).count();
        Row w = worst().orElseThrow();
        String cv = allWithinLimit()
                ? String.format(Locale.ROOT, "every per-run mean latency CV <= %s%% (%d strategy cells; highest %.1f%%, %s)",
                        limit(), rows.size(), w.cvPercent(), label(w))
                : String.format(Locale.ROOT, "%d of %d strategy cells over the %s%% CV limit or with fewer than 2 kept runs "
                        + "(highest %s, %s)", marked, rows.size(), limit(),
                        Double.isNaN(w.cvPercent()) ? w.kept() + " kept run(s)" : String.format(Locale.ROOT, "%.1f%%", w.cvPercent()),
                        label(w));
        Optional<Row> rawWorst = rows.stream().filter(r -> !r.rawRunMeans().equals(r.runMeans()))
                .max(java.util.Comparator.comparingDouble(r -> Double.isNaN(r.rawCvPercent()) ? -1 : r.rawCvPercent()));
        if (rawWorst.isPresent() && !Double.isNaN(rawWorst.get().rawCvPercent())) {
            cv += String.format(Locale.ROOT, " after the machine factor (before it: highest %.1f%%, %s)",
                    rawWorst.get().rawCvPercent(), label(rawWorst.get()));
        }
        long different = aa.stream().filter(AaTrace::judgedDifferent).count();
        long unjudged = aa.stream().filter(a -> a.difference().judgement() == Judgement.TOO_FEW_RUNS).count();
        boolean pooledDifferent = aaPooled != null && aaPooled.judgedDifferent();
        String pooled = aaPooled == null ? "" : String.format(Locale.ROOT, "; pooled over %d: %+.2f%% [%+.2f%%, %+.2f%%], p = %.3f%s",
                aaPooled.rows(), aaPooled.percent(), aaPooled.interval().low(), aaPooled.interval().high(), aaPooled.p(),
                pooledDifferent ? ", judged different" : "");
        String control = aa.isEmpty() ? "no A/A control to judge"
                : different == 0 && !pooledDifferent ? "the A/A control was never judged different (" + aa.size()
                        + " trace x threads, Holm-adjusted" + (unjudged == 0 ? "" : "; " + unjudged + " with too few kept runs to judge")
                        + pooled + ")"
                : "the A/A control was judged different" + (different == 0 ? "" : " at " + different + " of " + aa.size()
                        + " trace x threads (Holm-adjusted): " + String.join(", ", aa.stream().filter(AaTrace::judgedDifferent)
                        .map(a -> a.trace() + "/" + a.threads() + "t").toList())) + " (" + aa.size() + " trace x threads" + pooled + ")";
        return "timing stability: " + cv + "; " + control;
    }

    private static String limit() {
        return new java.math.BigDecimal(Double.toString(CV_LIMIT_PERCENT)).stripTrailingZeros().toPlainString();
    }

    static String label(Row r) {
        return r.trace() + " " + r.threads() + "t " + r.strategy();
    }
}
