package dev.vmalab.reports.verdict;

import dev.vmalab.reports.io.AtomicFiles;
import dev.vmalab.reports.io.CsvOut;
import dev.vmalab.reports.io.Json;
import dev.vmalab.reports.metrics.MetricDifference;
import dev.vmalab.reports.stats.Bootstrap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the verdict as verdict.json, standings.csv and evidence.csv (the page's tables as data). */
public final class VerdictFiles {
    private VerdictFiles() {}

    public static void write(Path dir, Verdict v) {
        CsvOut.write(dir.resolve("standings.csv"), List.of("strategy", "correct", "violations", "runs_at_threads",
                "threads", "mean_ns", "lookups_per_s"), v.standings().stream()
                .map(s -> List.<Object>of(s.strategy(), s.correct(), s.violations(), s.runsAtThreads(), v.threads(),
                        s.meanLatencyNs(), s.throughput())).toList());
        CsvOut.write(dir.resolve("evidence.csv"), DIFFERENCE_COLUMNS,
                v.evidence().stream().map(VerdictFiles::differenceRow).toList());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", v.status().name());
        json.put("cheapest", v.cheapest().orElse(null));
        json.put("threads", v.threads());
        json.put("tied_on_latency", v.tiedOnLatency());
        json.put("indistinguishable_from", v.indistinguishableFrom());
        json.put("incorrect", v.incorrect());
        json.put("headline", v.headline());
        json.put("rule", CheapestRule.TEXT);
        Map<String, Object> method = new LinkedHashMap<>();
        method.put("significant_when", "bootstrap interval excludes zero and Mann-Whitney p < alpha");
        method.put("bootstrap", "percentile bootstrap of the difference of run means");
        method.put("confidence", Bootstrap.CONFIDENCE);
        method.put("resamples", Bootstrap.DEFAULT_RESAMPLES);
        method.put("seed", Bootstrap.DEFAULT_SEED);
        method.put("rank_test", "two-sided Mann-Whitney U (exact without ties, normal approximation with ties)");
        method.put("alpha", dev.vmalab.reports.metrics.Differences.ALPHA);
        json.put("method", method);
        List<Object> standings = new ArrayList<>();
        for (Standing s : v.standings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("strategy", s.strategy());
            m.put("correct", s.correct());
            m.put("violations", s.violations());
            m.put("runs_at_threads", s.runsAtThreads());
            m.put("mean_ns", s.meanLatencyNs());
            m.put("lookups_per_s", s.throughput());
            standings.add(m);
        }
        json.put("standings", standings);
        json.put("evidence", v.evidence().stream().map(VerdictFiles::differenceJson).toList());
        AtomicFiles.writeString(dir.resolve("verdict.json"), Json.write(json));
    }

    public static final List<String> DIFFERENCE_COLUMNS = List.of("baseline", "other", "metric", "baseline_runs",
            "other_runs", "baseline_mean", "other_mean", "difference", "ci95_low", "ci95_high", "percent_change",
            "mann_whitney_p", "judgement");

    public static List<Object> differenceRow(MetricDifference d) {
        return List.of(d.baseline(), d.other(), d.metric().id(), d.baselineRuns(), d.otherRuns(), d.baselineMean(),
                d.otherMean(), d.otherMean() - d.baselineMean(),
                d.interval().map(i -> (Object) i.low()).orElse(""), d.interval().map(i -> (Object) i.high()).orElse(""),
                d.percentChange(), d.mannWhitneyP(), d.judgement().toString());
    }

    public static Map<String, Object> differenceJson(MetricDifference d) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> row = differenceRow(d);
        for (int i = 0; i < DIFFERENCE_COLUMNS.size(); i++) {
            Object v = row.get(i);
            m.put(DIFFERENCE_COLUMNS.get(i), "".equals(v) ? null : v);
        }
        return m;
    }
}
