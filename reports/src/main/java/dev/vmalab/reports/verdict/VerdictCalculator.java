package dev.vmalab.reports.verdict;

import dev.vmalab.reports.metrics.Differences;
import dev.vmalab.reports.metrics.Metric;
import dev.vmalab.reports.metrics.MetricDifference;
import dev.vmalab.reports.metrics.RunMeasure;
import dev.vmalab.reports.results.HuntCsv;
import dev.vmalab.reports.results.MatrixCsv;
import dev.vmalab.reports.results.PairedSummaryCsv;
import dev.vmalab.reports.results.ResultFolder;
import dev.vmalab.reports.results.SummaryRow;
import dev.vmalab.reports.results.VerdictInputs;
import dev.vmalab.reports.stats.Samples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Applies {@link CheapestRule} to a result folder. */
public final class VerdictCalculator {
    private final Differences differences;

    public VerdictCalculator(Differences differences) {
        this.differences = differences;
    }

    public static VerdictCalculator standard() {
        return new VerdictCalculator(Differences.standard());
    }

    public Verdict decide(ResultFolder folder, VerdictInputs in) {
        List<SummaryRow> workloadRows = folder.summary(); // contention_target 0: the sweep's rows are in.levels()
        List<String> strategies = folder.strategies().stream().filter(s -> !AaControl.isControl(s)).toList();
        String reference = reference(folder, strategies);
        Map<String, Correctness> correctness = correctness(folder, workloadRows, in, strategies);
        List<RunMeasure> measures = TimedRuns.of(workloadRows, in.timing());
        int threads = measures.stream().filter(m -> !AaControl.isControl(m.strategy())).mapToInt(RunMeasure::threads)
                .max().orElse(0);
        Map<String, List<RunMeasure>> atThreads = new LinkedHashMap<>();
        for (String s : folder.strategies()) {
            atThreads.put(s, measures.stream().filter(m -> m.strategy().equals(s) && m.threads() == threads).toList());
        }
        NoiseFloor noise = noiseFloor(reference, atThreads);
        EquivalenceClasses eq = EquivalenceClasses.of(strategies, in);
        UnitCostEstimate costs = UnitCostEstimate.fromSummary(workloadRows);
        // the kernel's own costs on this machine (./vmalab calibrate), where the folder has them: each cost it
        // measured replaces the model's
        if (java.nio.file.Files.isRegularFile(folder.dir().resolve(dev.vmalab.reports.results.UnitCosts.FILE))) {
            var k = dev.vmalab.reports.results.UnitCosts.of(folder);
            boolean node = !Double.isNaN(k.nodeReadNs()), fallback = !Double.isNaN(k.abortFallbackNs());
            if (node || fallback) {
                costs = new UnitCostEstimate(node ? k.nodeReadNs() : costs.nodeReadNs(),
                        fallback ? k.abortFallbackNs() : costs.abortFallbackNs(),
                        "kernel, " + k.source() + (node && fallback ? ""
                                : "; the rest model-measured: " + costs.source()));
            }
        }
        List<String> correct = strategies.stream().filter(s -> correctness.get(s) == Correctness.CORRECT).toList();
        // The classes ranked: each class's correct members (an unhunted twin of a correct strategy stays out).
        List<EquivalenceClass> ranked = new ArrayList<>();
        for (EquivalenceClass c : eq.classes()) {
            List<String> ok = c.members().stream().filter(correct::contains).toList();
            if (!ok.isEmpty()) ranked.add(EquivalenceClass.of(ok));
        }
        // Without classes there is no cost to rank, but the regime (the retry rate reached) is still stated.
        List<Regime> regimes = new ClassCosts(folder, in, reference, threads, costs, noise, differences)
                .regimes(eq.established() ? ranked : List.of());

        List<Standing> standings = new ArrayList<>();
        Map<String, List<HuntCsv.Row>> hunts = huntsByStrategy(in);
        for (String s : strategies) {
            List<HuntCsv.Row> h = hunts.getOrDefault(s, List.of());
            double[] means = Differences.values(CheapestRule.PRIMARY, atThreads.get(s));
            standings.add(new Standing(s, correctness.get(s),
                    folder.summary().stream().filter(r -> r.strategy().equals(s)).mapToLong(SummaryRow::violations).sum(),
                    h.stream().mapToLong(HuntCsv.Row::violations).sum(), h.stream().mapToLong(HuntCsv.Row::steps).sum(),
                    h.stream().map(HuntCsv.Row::repro).filter(r -> !r.isBlank()).findFirst().orElse(""),
                    eq.classOf(s).name(), means.length, Samples.mean(means), Samples.standardDeviation(means),
                    Samples.mean(Differences.values(CheapestRule.TIE_BREAK, atThreads.get(s)))));
        }
        List<MetricDifference> evidence = new ArrayList<>();
        if (!atThreads.getOrDefault(reference, List.of()).isEmpty()) {
            for (String s : folder.strategies()) {
                if (s.equals(reference) || atThreads.get(s).isEmpty()) continue;
                for (Metric m : Metric.values()) {
                    evidence.add(differences.compare(m, reference, atThreads.get(reference), s, atThreads.get(s)));
                }
            }
        }

        Verdict.Status status;
        List<String> cheapestClass = List.of();
        if (correct.isEmpty()) {
            boolean anyHunt = strategies.stream().anyMatch(s -> correctness.get(s) != Correctness.NOT_ESTABLISHED
                    && hunts.containsKey(s));
            status = anyHunt && strategies.stream().noneMatch(s -> correctness.get(s) == Correctness.NOT_ESTABLISHED)
                    ? Verdict.Status.NO_CORRECT_STRATEGY : Verdict.Status.CORRECTNESS_NOT_ESTABLISHED;
        } else if (!eq.established()) {
            status = Verdict.Status.COST_NOT_ESTABLISHED;
        } else if (ranked.size() == 1) {
            status = Verdict.Status.ONLY_CORRECT_CLASS;
            cheapestClass = ranked.getFirst().members();
        } else {
            Optional<EquivalenceClass> dominant = dominant(ranked, regimes);
            boolean anySeparated = regimes.stream().anyMatch(r -> !r.separated().isEmpty());
            List<EquivalenceClass> neverDearer = ranked.stream().filter(x -> neverDearer(x, regimes)).toList();
            if (dominant.isPresent()) {
                status = Verdict.Status.CHEAPEST;
                cheapestClass = dominant.get().members();
            } else if (anySeparated && neverDearer.size() > 1) {
                status = Verdict.Status.CHEAPEST_TIED; // names the tied classes, not a cheapest
                cheapestClass = neverDearer.stream().map(EquivalenceClass::name).toList();
            } else {
                status = anySeparated ? Verdict.Status.DEPENDS_ON_REGIME : Verdict.Status.SAME_COST;
                cheapestClass = List.of();
            }
        }
        Optional<String> cheapest = cheapestClass.isEmpty() || status == Verdict.Status.CHEAPEST_TIED ? Optional.empty()
                : Optional.of(cheapestClass.contains(reference) ? reference : cheapestClass.getFirst());
        return new Verdict(status, cheapest, cheapestClass, threads, reference, standings, eq.classes(), eq.source(),
                regimes, costs, noise, evidence, AbTable.rows(reference, atThreads, differences),
                TimingStability.of(workloadRows, in.timing(), noise.control(),
                        folder.machine().get("timing_rule"), differences));
    }

    /** machine.properties' paired_reference; else mas-set (the merged fix) when run; else the first strategy. */
    static String reference(ResultFolder folder, List<String> strategies) {
        String named = folder.machine().get("paired_reference");
        if (named != null && strategies.contains(named)) return named;
        if (strategies.contains("mas-set")) return "mas-set";
        return strategies.isEmpty() ? "" : strategies.getFirst();
    }

    private static Map<String, List<HuntCsv.Row>> huntsByStrategy(VerdictInputs in) {
        Map<String, List<HuntCsv.Row>> out = new LinkedHashMap<>();
        for (HuntCsv.Row r : in.hunts()) out.computeIfAbsent(r.strategy(), k -> new ArrayList<>()).add(r);
        return out;
    }

    /** Violations counted in the contention sweep's cells (summary.csv rows above level 0). */
    private static long sweepViolations(VerdictInputs in, String strategy) {
        long n = 0;
        for (var e : in.levels().entrySet()) {
            if (e.getKey() == 0) continue;
            for (SummaryRow r : e.getValue()) if (r.strategy().equals(strategy)) n += r.violations();
        }
        return n;
    }

    /** Caught anywhere beats everything; then known-incorrect; then a clean hunt over every trace. */
    static Map<String, Correctness> correctness(ResultFolder folder, List<SummaryRow> workloadRows, VerdictInputs in,
            List<String> strategies) {
        Set<String> known = Set.of(folder.machine().getOrDefault("known_incorrect", "").split(","));
        Map<String, Long> replayViolations = folder.violationsByStrategy();
        // The traces as replayed (a sweep level may name its rows differently): the hunt must cover each.
        List<String> traces = workloadRows.stream().map(r -> r.key().trace()).distinct().toList();
        Map<String, List<HuntCsv.Row>> hunts = huntsByStrategy(in);
        Map<String, Correctness> out = new LinkedHashMap<>();
        for (String s : strategies) {
            List<HuntCsv.Row> h = hunts.getOrDefault(s, List.of());
            long caught = replayViolations.getOrDefault(s, 0L) + h.stream().mapToLong(HuntCsv.Row::violations).sum()
                    + scriptedViolations(in, s) + sweepViolations(in, s);
            boolean covered = !h.isEmpty() && h.stream().map(HuntCsv.Row::trace).toList().containsAll(traces);
            out.put(s, caught > 0 ? Correctness.CAUGHT : known.contains(s) ? Correctness.KNOWN_INCORRECT
                    : covered ? Correctness.CORRECT : Correctness.NOT_ESTABLISHED);
        }
        return out;
    }

    /** Violations the retry matrix and the paired evaluation saw (a scripted stale state caught is a catch too). */
    static long scriptedViolations(VerdictInputs in, String s) {
        return in.matrix().stream().filter(r -> r.strategy().equals(s) && MatrixCsv.flag(r.violation())).count()
                + in.pairedSummary().stream().filter(r -> r.strategy().equals(s)).mapToLong(PairedSummaryCsv.Row::violations).sum();
    }

    /** The A/A control of the reference, else of whichever strategy the replay repeated (machine.properties aa_control). */
    private NoiseFloor noiseFloor(String reference, Map<String, List<RunMeasure>> atThreads) {
        String control = atThreads.containsKey(AaControl.of(reference)) ? AaControl.of(reference)
                : atThreads.keySet().stream().filter(AaControl::isControl).findFirst().orElse(AaControl.of(reference));
        String base = control.substring(0, control.length() - AaControl.SUFFIX.length());
        List<RunMeasure> a = atThreads.getOrDefault(base, List.of());
        List<RunMeasure> b = atThreads.getOrDefault(control, List.of());
        if (a.isEmpty() || b.isEmpty()) return new NoiseFloor(control, Optional.empty(), Double.NaN);
        MetricDifference d = differences.compare(CheapestRule.PRIMARY, base, a, control, b);
        return new NoiseFloor(control, Optional.of(d), Math.abs(d.otherMean() - d.baselineMean()));
    }

    /** The class never dearer at any level and cheaper than each other class at one level at least. */
    /** No level has another class cheaper than {@code x} beyond the noise floor. */
    static boolean neverDearer(EquivalenceClass x, List<Regime> regimes) {
        return regimes.stream().flatMap(r -> r.separated().stream()).noneMatch(p -> p.endsWith(" < " + x.name()));
    }

    static Optional<EquivalenceClass> dominant(List<EquivalenceClass> classes, List<Regime> regimes) {
        for (EquivalenceClass x : classes) {
            boolean neverDearer = regimes.stream().flatMap(r -> r.separated().stream())
                    .noneMatch(p -> p.endsWith(" < " + x.name()));
            boolean beatsAll = classes.stream().filter(y -> y != x).allMatch(y -> regimes.stream()
                    .anyMatch(r -> r.separated().contains(x.name() + " < " + y.name())));
            if (neverDearer && beatsAll) return Optional.of(x);
        }
        return Optional.empty();
    }

    static double[] unbox(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double sum(double[] xs) {
        return Arrays.stream(xs).sum();
    }
}
