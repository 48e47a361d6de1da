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

/**
 * Writes the verdict as verdict.json, standings.csv, evidence.csv, class-costs.csv,
 * timing-stability.csv and ab-table.txt (the page's tables as data; ab-table.txt pastes into a mail).
 */
public final class VerdictFiles {
    private VerdictFiles() {}

    public static void write(Path dir, Verdict v) {
        CsvOut.write(dir.resolve("standings.csv"), List.of("strategy", "correct", "correctness", "violations",
                "hunt_violations", "hunt_steps", "class", "runs_at_threads", "threads", "mean_ns", "sd_ns", "lookups_per_s"),
                v.standings().stream().map(s -> List.<Object>of(s.strategy(), s.correct(), s.correctness().name(),
                        s.violations(), s.huntViolations(), s.huntSteps(), s.equivalenceClass(), s.runsAtThreads(),
                        v.threads(), s.meanLatencyNs(), s.sdLatencyNs(), s.throughput())).toList());
        CsvOut.write(dir.resolve("evidence.csv"), DIFFERENCE_COLUMNS,
                v.evidence().stream().map(VerdictFiles::differenceRow).toList());
        List<List<Object>> costRows = new ArrayList<>();
        for (Regime r : v.regimes()) {
            for (ClassCost c : r.costs()) {
                costRows.add(List.of(r.contentionTarget(), r.retriesPerMillion(), r.faults(), r.pairedEvents(),
                        c.className(), c.runs(), c.extraNsPerFault(), c.interval().map(i -> (Object) i.low()).orElse(""),
                        c.interval().map(i -> (Object) i.high()).orElse(""), c.extraAborts(), c.extraNodes(),
                        c.extraAbortsPerMillion(), c.extraNodesPerMillion(), c.percentOfReference()));
            }
        }
        CsvOut.write(dir.resolve("class-costs.csv"), List.of("contention_target", "retries_per_million", "faults",
                "paired_events", "class", "runs", "extra_ns_per_fault", "ci95_low", "ci95_high", "extra_aborts",
                "extra_nodes", "extra_aborts_per_million", "extra_nodes_per_million", "percent_of_reference_latency"),
                costRows);
        CsvOut.write(dir.resolve("timing-stability.csv"), List.of("trace", "threads", "strategy", "runs_kept",
                "runs_discarded", "passes", "passes_kept", "mean_ns", "cv_percent", "over_limit", "run_means_ns",
                "raw_cv_percent", "raw_run_means_ns"),
                v.stability().rows().stream().map(r -> List.<Object>of(r.trace(), r.threads(), r.strategy(), r.kept(),
                        r.discarded(), r.passes(), r.keptPasses(), r.meanNs(), Double.isNaN(r.cvPercent()) ? "" : r.cvPercent(),
                        r.marked(), String.join(" ", r.runMeans().stream().map(m -> String.format(java.util.Locale.ROOT, "%.3f", m))
                                .toList()), Double.isNaN(r.rawCvPercent()) ? "" : r.rawCvPercent(),
                        String.join(" ", r.rawRunMeans().stream().map(m -> String.format(java.util.Locale.ROOT, "%.3f", m))
                                .toList()))).toList());
        AtomicFiles.writeString(dir.resolve("ab-table.txt"), AbTable.text(v.ab(), v.threads()));
        AtomicFiles.writeString(dir.resolve("verdict.json"), Json.write(json(v)));
    }

    static Map<String, Object> json(Verdict v) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", v.status().name());
        json.put("cheapest", v.cheapest().orElse(null));
        json.put("cheapest_class", v.cheapestClass());
        json.put("threads", v.threads());
        json.put("reference", v.reference());
        json.put("incorrect", v.incorrect());
        json.put("correctness_not_established", v.notEstablished());
        json.put("headline", v.headline());
        json.put("rule", CheapestRule.TEXT);
        List<Object> standings = new ArrayList<>();
        for (Standing s : v.standings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("strategy", s.strategy());
            m.put("correct", s.correct());
            m.put("correctness", s.correctness().name());
            m.put("violations", s.violations());
            m.put("hunt_violations", s.huntViolations());
            m.put("hunt_steps", s.huntSteps());
            m.put("hunt_repro", s.huntRepro().isEmpty() ? null : s.huntRepro());
            m.put("class", s.equivalenceClass());
            m.put("runs_at_threads", s.runsAtThreads());
            m.put("mean_ns", s.meanLatencyNs());
            m.put("sd_ns", s.sdLatencyNs());
            m.put("lookups_per_s", s.throughput());
            standings.add(m);
        }
        json.put("standings", standings);
        json.put("classes", v.classes().stream().map(c -> Map.<String, Object>of("name", c.name(), "members", c.members())).toList());
        json.put("classes_from", v.classesFrom());
        Map<String, Object> regime = new LinkedHashMap<>();
        v.workload().ifPresent(w -> regime.put("workload_retries_per_million", w.retriesPerMillion()));
        regime.put("separating_retries_per_million", v.separatingRetriesPerMillion().orElse(null));
        List<Object> levels = new ArrayList<>();
        for (Regime r : v.regimes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("contention_target", r.contentionTarget());
            m.put("retries_per_million", r.retriesPerMillion());
            m.put("faults", r.faults());
            m.put("paired_events", r.pairedEvents());
            m.put("separated", r.separated());
            List<Object> costs = new ArrayList<>();
            for (ClassCost c : r.costs()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("class", c.className());
                cm.put("extra_ns_per_fault", c.extraNsPerFault());
                cm.put("ci95_low", c.interval().map(i -> (Object) i.low()).orElse(null));
                cm.put("ci95_high", c.interval().map(i -> (Object) i.high()).orElse(null));
                cm.put("extra_aborts", c.extraAborts());
                cm.put("extra_nodes", c.extraNodes());
                cm.put("percent_of_reference_latency", c.percentOfReference());
                cm.put("percent_basis", c.percentBasis());
                costs.add(cm);
            }
            m.put("costs", costs);
            levels.add(m);
        }
        regime.put("levels", levels);
        json.put("regime", regime);
        Map<String, Object> units = new LinkedHashMap<>();
        units.put("node_read_ns", v.unitCosts().nodeReadNs());
        units.put("abort_fallback_ns", v.unitCosts().abortFallbackNs());
        units.put("source", v.unitCosts().source());
        json.put("unit_costs", units);
        Map<String, Object> noise = new LinkedHashMap<>();
        noise.put("control", v.noise().control());
        noise.put("ns", v.noise().known() ? v.noise().ns() : null);
        noise.put("judged_different", v.noise().judgedDifferent());
        noise.put("difference", v.noise().difference().map(VerdictFiles::differenceJson).orElse(null));
        json.put("noise_floor", noise);
        Map<String, Object> method = new LinkedHashMap<>();
        method.put("significant_when", "bootstrap interval excludes zero and Mann-Whitney p < alpha (timing); "
                + "bootstrap interval of per-run paired differences excludes zero and exceeds the noise floor (cost)");
        method.put("confidence", Bootstrap.CONFIDENCE);
        method.put("resamples", Bootstrap.DEFAULT_RESAMPLES);
        method.put("seed", Bootstrap.DEFAULT_SEED);
        method.put("alpha", dev.vmalab.reports.metrics.Differences.ALPHA);
        method.put("disturbed_run", CheapestRule.TIMING_RULE);
        json.put("method", method);
        json.put("timing_stability", stabilityJson(v.stability()));
        json.put("evidence", v.evidence().stream().map(VerdictFiles::differenceJson).toList());
        return json;
    }

    static Map<String, Object> stabilityJson(TimingStability t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", t.line());
        m.put("cv_limit_percent", TimingStability.CV_LIMIT_PERCENT);
        m.put("all_within_limit", t.allWithinLimit());
        m.put("aa_never_judged_different", t.aaNeverJudgedDifferent());
        m.put("per_run_mean_from", t.source());
        m.put("rule", t.rule());
        List<Object> rows = new ArrayList<>();
        for (TimingStability.Row r : t.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("trace", r.trace());
            row.put("threads", r.threads());
            row.put("strategy", r.strategy());
            row.put("run_means_ns", r.runMeans());
            row.put("runs_kept", r.kept());
            row.put("runs_discarded", r.discarded());
            row.put("passes", r.passes() < 0 ? null : r.passes());
            row.put("passes_kept", r.keptPasses() < 0 ? null : r.keptPasses());
            row.put("mean_ns", r.kept() == 0 ? null : r.meanNs());
            row.put("cv_percent", Double.isNaN(r.cvPercent()) ? null : r.cvPercent());
            row.put("over_limit", r.marked());
            row.put("raw_run_means_ns", r.rawRunMeans());
            row.put("raw_cv_percent", Double.isNaN(r.rawCvPercent()) ? null : r.rawCvPercent());
            rows.add(row);
        }
        m.put("rows", rows);
        List<Object> aa = new ArrayList<>();
        for (TimingStability.AaTrace a : t.aa()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("trace", a.trace());
            row.put("threads", a.threads());
            row.put("judged_different", a.judgedDifferent());
            row.put("holm_p", a.holmP());
            row.put("difference", differenceJson(a.difference()));
            aa.add(row);
        }
        m.put("aa", aa);
        if (t.aaPooled() != null) {
            Map<String, Object> pooled = new LinkedHashMap<>();
            pooled.put("rows", t.aaPooled().rows());
            pooled.put("percent", t.aaPooled().percent());
            pooled.put("ci95_low_percent", t.aaPooled().interval().low());
            pooled.put("ci95_high_percent", t.aaPooled().interval().high());
            pooled.put("permutation_p", t.aaPooled().p());
            pooled.put("judged_different", t.aaPooled().judgedDifferent());
            m.put("aa_pooled", pooled);
        }
        return m;
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
            Object val = row.get(i);
            m.put(DIFFERENCE_COLUMNS.get(i), "".equals(val) ? null : val);
        }
        return m;
    }
}
