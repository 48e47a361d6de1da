package dev.vmalab.reports.compare;

import dev.vmalab.reports.metrics.Differences;
import dev.vmalab.reports.metrics.Metric;
import dev.vmalab.reports.metrics.RunMeasure;
import dev.vmalab.reports.metrics.RunMeasures;
import dev.vmalab.reports.results.ResultFolder;
import dev.vmalab.reports.results.VerdictInputs;
import dev.vmalab.reports.verdict.VerdictCalculator;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Comparison}: every metric of every strategy both folders ran, at every thread
 * count both ran, tested across runs with the same test as the verdict (B - A).
 */
public final class Comparer {
    private final Differences differences;

    public Comparer(Differences differences) {
        this.differences = differences;
    }

    public static Comparer standard() {
        return new Comparer(Differences.standard());
    }

    public Comparison compare(ResultFolder a, ResultFolder b) {
        String labelA = a.name();
        String labelB = b.name();
        if (labelA.equals(labelB)) { // e.g. two folders both called "results"
            labelA = "A:" + labelA;
            labelB = "B:" + labelB;
        }
        List<RunMeasure> ma = RunMeasures.of(a.summary());
        List<RunMeasure> mb = RunMeasures.of(b.summary());
        List<String> both = a.strategies().stream().filter(b.strategies()::contains).toList();
        List<Integer> threads = a.threadCounts().stream().filter(b.threadCounts()::contains).toList();
        List<CompareRow> rows = new ArrayList<>();
        for (String s : both) {
            for (int t : threads) {
                List<RunMeasure> ra = select(ma, s, t);
                List<RunMeasure> rb = select(mb, s, t);
                if (ra.isEmpty() || rb.isEmpty()) continue;
                for (Metric m : Metric.values()) {
                    rows.add(new CompareRow(s, t, differences.compare(m, labelA, ra, labelB, rb)));
                }
            }
        }
        VerdictCalculator verdicts = new VerdictCalculator(differences);
        return new Comparison(labelA, labelB, a, b, verdicts.decide(a, VerdictInputs.read(a.dir())),
                verdicts.decide(b, VerdictInputs.read(b.dir())),
                rows, a.strategies().stream().filter(s -> !b.strategies().contains(s)).toList(),
                b.strategies().stream().filter(s -> !a.strategies().contains(s)).toList());
    }

    private static List<RunMeasure> select(List<RunMeasure> ms, String strategy, int threads) {
        return ms.stream().filter(m -> m.strategy().equals(strategy) && m.threads() == threads).toList();
    }
}
