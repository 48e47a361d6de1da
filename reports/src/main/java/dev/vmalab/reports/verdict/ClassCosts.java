package dev.vmalab.reports.verdict;

import dev.vmalab.reports.metrics.Differences;
import dev.vmalab.reports.results.PairedSummaryCsv;
import dev.vmalab.reports.results.ResultFolder;
import dev.vmalab.reports.results.RunKey;
import dev.vmalab.reports.results.SummaryRow;
import dev.vmalab.reports.results.VerdictInputs;
import dev.vmalab.reports.stats.Bootstrap;
import dev.vmalab.reports.stats.Interval;
import dev.vmalab.reports.stats.Samples;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Expected extra cost per fault of each class, per contention level: for each run, the class's
 * paired extra aborts and node reads (paired-summary.csv, against the reference) times the unit
 * costs, over the lookups of the cells whose -EAGAINs were pooled into that run's paired rows (every
 * strategy that ran the per-VMA path, summary.csv). A run without paired rows had no
 * -EAGAIN event: its extra work is zero. A baseline without per-VMA locks (success 0) is priced by its
 * own fallbacks beyond the reference's (summary.csv), since it differs on every fault. Runs pair across
 * classes (same run, same events), so two
 * classes are compared on the per-run differences.
 */
final class ClassCosts {
    private final ResultFolder folder;
    private final VerdictInputs in;
    private final String reference;
    private final int threads;
    private final UnitCostEstimate costs;
    private final NoiseFloor noise;
    private final Bootstrap bootstrap = Bootstrap.standard();

    ClassCosts(ResultFolder folder, VerdictInputs in, String reference, int threads, UnitCostEstimate costs,
               NoiseFloor noise, Differences differences) {
        this.folder = folder;
        this.in = in;
        this.reference = reference;
        this.threads = threads;
        this.costs = costs;
        this.noise = noise;
    }

    /** One regime per contention level of the reference's rows at the verdict's thread count, the workload first. */
    List<Regime> regimes(List<EquivalenceClass> classes) {
        TreeMap<Double, List<SummaryRow>> byLevel = new TreeMap<>();
        in.levels().forEach((level, rows) -> {
            for (SummaryRow r : rows) {
                if (r.strategy().equals(reference) && r.threads() == threads) {
                    byLevel.computeIfAbsent(level, k -> new ArrayList<>()).add(r);
                }
            }
        });
        List<Regime> out = new ArrayList<>();
        byLevel.forEach((level, refRows) -> out.add(regime(level, refRows, classes)));
        return out;
    }

    /** What "% of a lookup" divides by, in the same units as the unit costs that priced the extra work. */
    private record Denominator(double ns, String basis) {}

    /**
     * The model's costs (no calibration.properties): the reference's JVM ns per lookup. The kernel's costs for
     * both node reads and fallbacks: calibrate's per_vma_fault_ns (a whole fault on the per-VMA path, kernel ns),
     * NaN when it could not measure it. Kernel and model costs mixed: NaN (no denominator in one unit).
     */
    private Denominator denominator(double refJvmNs) {
        if (!java.nio.file.Files.isRegularFile(folder.dir().resolve(dev.vmalab.reports.results.UnitCosts.FILE))) {
            return new Denominator(refJvmNs, "of the model's lookup (JVM ns)");
        }
        var k = dev.vmalab.reports.results.UnitCosts.of(folder);
        boolean node = !Double.isNaN(k.nodeReadNs()), fallback = !Double.isNaN(k.abortFallbackNs());
        if (node && fallback) return new Denominator(k.perVmaFaultNs(), "of a kernel per-VMA fault (calibrate's per_vma_fault_ns)");
        if (!node && !fallback) return new Denominator(refJvmNs, "of the model's lookup (JVM ns)");
        return new Denominator(Double.NaN, "n/a: unit costs partly the kernel's, partly the model's");
    }

    private Regime regime(double level, List<SummaryRow> refRows, List<EquivalenceClass> classes) {
        Map<Integer, Long> faultsByRun = new TreeMap<>();
        long lookups = 0, miss = 0;
        double refNs = 0;
        for (SummaryRow r : refRows) {
            faultsByRun.merge(r.key().run(), r.lookups(), Long::sum);
            lookups += r.lookups();
            miss += r.miss();
            refNs += r.meanNs() * r.lookups();
        }
        refNs /= lookups;
        java.util.Set<RunKey> refKeys = new java.util.HashSet<>();
        for (SummaryRow r : refRows) refKeys.add(r.key());
        List<Integer> runs = List.copyOf(faultsByRun.keySet());
        // paired-summary.csv pools the events of every cell of a run (each strategy's live replay captured its
        // own -EAGAINs): its extra work is per fault of those cells, the ones that ran the per-VMA path
        Map<Integer, Long> pooledByRun = new TreeMap<>();
        for (SummaryRow r : in.rowsAt(level)) {
            if (r.threads() == threads && r.success() > 0 && faultsByRun.containsKey(r.key().run())) {
                pooledByRun.merge(r.key().run(), r.lookups(), Long::sum);
            }
        }
        long pooled = pooledByRun.values().stream().mapToLong(Long::longValue).sum();
        long events = in.pairedSummary().stream().filter(p -> p.strategy().equals(reference)
                && p.contentionTarget() == level && refKeys.contains(p.key(reference)))
                .mapToLong(PairedSummaryCsv.Row::events).sum();
        List<ClassCost> cc = new ArrayList<>();
        Map<String, double[]> perRun = new HashMap<>();
        for (EquivalenceClass c : classes) {
            String rep = c.members().contains(reference) ? reference : c.members().getFirst();
            double[] ns = new double[runs.size()];
            double abortsPerFault = 0, nodesPerFault = 0;
            long aborts = 0, nodes = 0;
            for (PairedSummaryCsv.Row p : in.pairedSummary()) {
                if (!p.strategy().equals(rep) || p.contentionTarget() != level || !refKeys.contains(p.key(reference))) continue;
                long faults = pooledByRun.getOrDefault(p.run(), faultsByRun.get(p.run()));
                ns[runs.indexOf(p.run())] += (p.extraAborts() * costs.abortFallbackNs() + p.extraNodes() * costs.nodeReadNs())
                        / faults;
                aborts += p.extraAborts();
                nodes += p.extraNodes();
            }
            if (pooled > 0) {
                abortsPerFault = (double) aborts / pooled;
                nodesPerFault = (double) nodes / pooled;
            }
            // A baseline without per-VMA locks (every fault an abort: success 0 in summary.csv) differs on every
            // fault, not only on -EAGAIN events: its cost is its own fallbacks beyond the reference's.
            List<SummaryRow> repRows = in.rowsAt(level).stream().filter(r -> r.strategy().equals(rep)
                    && r.threads() == threads).toList();
            if (!rep.equals(reference) && !repRows.isEmpty() && repRows.stream().allMatch(r -> r.success() == 0)) {
                for (SummaryRow r : repRows) {
                    int i = runs.indexOf(r.key().run());
                    if (i < 0) continue;
                    long extra = r.abort() - refRows.stream().filter(x -> x.key().run() == r.key().run()
                            && x.key().trace().equals(r.key().trace())).mapToLong(SummaryRow::abort).sum();
                    ns[i] += extra * costs.abortFallbackNs() / faultsByRun.get(runs.get(i));
                    aborts += extra;
                    abortsPerFault += (double) extra / lookups;
                }
            }
            perRun.put(c.name(), ns);
            double mean = Samples.mean(ns);
            Denominator per = denominator(refNs);
            cc.add(new ClassCost(c.name(), rep, ns.length, mean, interval(ns), aborts, nodes, 1e6 * abortsPerFault,
                    1e6 * nodesPerFault, 100 * mean / per.ns(), per.basis()));
        }
        List<String> separated = new ArrayList<>();
        for (EquivalenceClass a : classes) {
            for (EquivalenceClass b : classes) {
                if (a == b) continue;
                double[] d = new double[runs.size()];
                for (int i = 0; i < d.length; i++) d[i] = perRun.get(b.name())[i] - perRun.get(a.name())[i];
                Optional<Interval> iv = interval(d);
                // a < b: b dearer on every resample's mean, and by more than the A/A noise floor.
                if (iv.isPresent() && iv.get().low() > 0 && noise.known() && Samples.mean(d) > noise.ns()) {
                    separated.add(a.name() + " < " + b.name());
                }
            }
        }
        return new Regime(level, 1e6 * miss / lookups, lookups, events, cc, separated);
    }

    /** 95% bootstrap interval of the mean of per-run values (or paired differences); empty below 2 runs. */
    private Optional<Interval> interval(double[] xs) {
        if (xs.length < 2) return Optional.empty();
        return Optional.of(bootstrap.difference(new double[xs.length], xs, Bootstrap.Statistic.MEAN));
    }
}
