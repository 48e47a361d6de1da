package dev.vmalab.reports.verdict;

import dev.vmalab.reports.results.MatrixCsv;
import dev.vmalab.reports.results.PairedCsv;
import dev.vmalab.reports.results.PairedSummaryCsv;
import dev.vmalab.reports.results.VerdictInputs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups strategies whose retries did the same thing: identical matrix rows (scenario by scenario)
 * and identical paired rows (event by event from paired.csv, or run by run from paired-summary.csv
 * when paired.csv is absent). Established only when there is something to compare: a matrix, or
 * at least one paired event; otherwise every strategy is its own class.
 */
record EquivalenceClasses(List<EquivalenceClass> classes, boolean established, String source) {

    static EquivalenceClasses of(List<String> strategies, VerdictInputs in) {
        boolean events = !in.paired().isEmpty() || in.pairedSummary().stream().anyMatch(r -> r.events() > 0);
        boolean established = !in.matrix().isEmpty() || events;
        List<String> from = new ArrayList<>();
        if (!in.matrix().isEmpty()) from.add(MatrixCsv.FILE);
        if (!in.paired().isEmpty()) from.add(PairedCsv.FILE);
        else if (!in.pairedSummary().isEmpty()) from.add(PairedSummaryCsv.FILE);
        Map<String, List<String>> bySignature = new LinkedHashMap<>();
        for (String s : strategies) {
            String sig = established ? signature(s, in) : s;
            bySignature.computeIfAbsent(sig, k -> new ArrayList<>()).add(s);
        }
        List<EquivalenceClass> classes = bySignature.values().stream().map(EquivalenceClass::of).toList();
        return new EquivalenceClasses(classes, established, String.join(" + ", from));
    }

    EquivalenceClass classOf(String strategy) {
        return classes.stream().filter(c -> c.members().contains(strategy)).findFirst()
                .orElse(EquivalenceClass.of(List.of(strategy)));
    }

    /** Everything the strategy's retries did, keyed so that the same scenario or event lines up. */
    private static String signature(String s, VerdictInputs in) {
        TreeMap<String, String> parts = new TreeMap<>();
        for (MatrixCsv.Row r : in.matrix()) if (r.strategy().equals(s)) parts.put("m|" + r.scenario(), r.effect());
        if (!in.paired().isEmpty()) {
            for (PairedCsv.Row r : in.paired()) if (r.strategy().equals(s)) parts.put("p|" + r.eventKey(), r.effect());
        } else {
            for (PairedSummaryCsv.Row r : in.pairedSummary()) {
                if (r.strategy().equals(s)) parts.put("s|" + r.trace() + "|" + r.threads() + "|" + r.run(), r.effect());
            }
        }
        return parts.toString();
    }
}
