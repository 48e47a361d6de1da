package dev.vmalab.reports.verdict;

import dev.vmalab.reports.metrics.Differences;
import dev.vmalab.reports.metrics.Judgement;
import dev.vmalab.reports.metrics.Metric;
import dev.vmalab.reports.metrics.MetricDifference;
import dev.vmalab.reports.metrics.RunMeasure;
import dev.vmalab.reports.stats.Samples;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Applies {@link CheapestRule} to per-run measures. */
public final class VerdictCalculator {
    private final Differences differences;

    public VerdictCalculator(Differences differences) {
        this.differences = differences;
    }

    public static VerdictCalculator standard() {
        return new VerdictCalculator(Differences.standard());
    }

    /**
     * @param measures every run of every strategy at every thread count
     * @param violationsByStrategy violations per strategy over all runs; a strategy absent here has none
     */
    public Verdict decide(List<RunMeasure> measures, Map<String, Long> violationsByStrategy) {
        List<String> strategies = measures.stream().map(RunMeasure::strategy).distinct().toList();
        List<String> correct = strategies.stream().filter(s -> violationsByStrategy.getOrDefault(s, 0L) == 0).toList();
        int threads = measures.stream().filter(m -> correct.contains(m.strategy()))
                .mapToInt(RunMeasure::threads).max().orElse(0);
        Map<String, List<RunMeasure>> atThreads = new LinkedHashMap<>();
        for (String s : strategies) {
            atThreads.put(s, measures.stream().filter(m -> m.strategy().equals(s) && m.threads() == threads).toList());
        }
        List<Standing> standings = strategies.stream().map(s -> standing(s, violationsByStrategy, atThreads.get(s))).toList();
        List<String> candidates = correct.stream().filter(s -> !atThreads.get(s).isEmpty()).toList();
        if (candidates.isEmpty()) {
            return new Verdict(Verdict.Status.NO_CORRECT_STRATEGY, Optional.empty(), 0, List.of(), List.of(), standings, List.of());
        }

        String leader = candidates.stream().min(Comparator.comparingDouble(s -> mean(CheapestRule.PRIMARY, atThreads.get(s))))
                .orElseThrow();
        List<String> tiedOnLatency = new ArrayList<>(List.of(leader));
        for (String c : candidates) {
            if (!c.equals(leader) && !differences.compare(CheapestRule.PRIMARY, leader, atThreads.get(leader), c,
                    atThreads.get(c)).judgement().significant()) {
                tiedOnLatency.add(c);
            }
        }

        String cheapest = leader;
        Verdict.Status status = Verdict.Status.CLEAR;
        List<String> indistinguishable = List.of();
        if (tiedOnLatency.size() > 1) {
            // Throughput decides only if one strategy beats every other of the group significantly.
            String best = tiedOnLatency.stream()
                    .max(Comparator.comparingDouble(s -> mean(CheapestRule.TIE_BREAK, atThreads.get(s)))).orElseThrow();
            boolean dominates = tiedOnLatency.stream().filter(s -> !s.equals(best))
                    .allMatch(s -> differences.compare(CheapestRule.TIE_BREAK, best, atThreads.get(best), s,
                            atThreads.get(s)).judgement() == Judgement.WORSE);
            if (dominates) {
                cheapest = best;
                status = Verdict.Status.TIE_BROKEN_BY_THROUGHPUT;
            } else {
                status = Verdict.Status.INDISTINGUISHABLE;
                indistinguishable = tiedOnLatency.stream().filter(s -> !s.equals(leader)).toList();
            }
        }

        List<MetricDifference> evidence = new ArrayList<>();
        for (String c : candidates) {
            if (c.equals(cheapest)) continue;
            for (Metric metric : Metric.values()) {
                evidence.add(differences.compare(metric, cheapest, atThreads.get(cheapest), c, atThreads.get(c)));
            }
        }
        String winner = cheapest;
        List<String> othersTied = tiedOnLatency.stream().filter(s -> !s.equals(winner)).toList();
        return new Verdict(status, Optional.of(cheapest), threads, othersTied, indistinguishable, standings, evidence);
    }

    private static Standing standing(String s, Map<String, Long> violations, List<RunMeasure> runs) {
        return new Standing(s, violations.getOrDefault(s, 0L), runs.size(),
                mean(CheapestRule.PRIMARY, runs), mean(CheapestRule.TIE_BREAK, runs));
    }

    private static double mean(Metric metric, List<RunMeasure> runs) {
        return Samples.mean(Differences.values(metric, runs));
    }
}
