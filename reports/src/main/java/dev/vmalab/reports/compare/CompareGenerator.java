package dev.vmalab.reports.compare;

import dev.vmalab.reports.io.AtomicFiles;
import dev.vmalab.reports.io.CsvOut;
import dev.vmalab.reports.io.Json;
import dev.vmalab.reports.metrics.MetricDifference;
import dev.vmalab.reports.results.ResultFolderReader;
import dev.vmalab.reports.verdict.VerdictFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vmalab compare A B}: writes an HTML page (default {@code B/compare-vs-<A>.html}) with a
 * CSV and a JSON of the same base name beside it, and returns the comparison for printing.
 */
public final class CompareGenerator {
    private CompareGenerator() {}

    public static Path defaultOutput(Path dirA, Path dirB) {
        Path name = dirA.toAbsolutePath().normalize().getFileName();
        String safe = (name == null ? "A" : name.toString()).replaceAll("[^A-Za-z0-9._-]", "_");
        return dirB.resolve("compare-vs-" + safe + ".html");
    }

    public static Comparison render(Path dirA, Path dirB, Path htmlOut) {
        Comparison c = Comparer.standard().compare(ResultFolderReader.read(dirA), ResultFolderReader.read(dirB));
        String file = htmlOut.getFileName().toString();
        String base = file.endsWith(".html") ? file.substring(0, file.length() - 5) : file;
        Path dir = htmlOut.toAbsolutePath().getParent();
        List<String> header = new ArrayList<>(List.of("strategy", "threads"));
        header.addAll(VerdictFiles.DIFFERENCE_COLUMNS);
        CsvOut.write(dir.resolve(base + ".csv"), header, c.rows().stream().map(CompareGenerator::row).toList());
        AtomicFiles.writeString(dir.resolve(base + ".json"), Json.write(json(c)));
        AtomicFiles.writeString(htmlOut, ComparePage.html(c, base));
        return c;
    }

    private static List<Object> row(CompareRow r) {
        List<Object> row = new ArrayList<>(List.of(r.strategy(), r.threads()));
        row.addAll(VerdictFiles.differenceRow(r.difference()));
        return row;
    }

    private static Map<String, Object> side(String label, Path dir, String verdict) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", label);
        m.put("dir", dir.toAbsolutePath().toString());
        m.put("verdict", verdict);
        return m;
    }

    private static Map<String, Object> json(Comparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", side(c.labelA(), c.a().dir(), c.verdictA().headline()));
        m.put("b", side(c.labelB(), c.b().dir(), c.verdictB().headline()));
        m.put("only_in_a", c.onlyInA());
        m.put("only_in_b", c.onlyInB());
        List<Object> rows = new ArrayList<>();
        for (CompareRow r : c.rows()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("strategy", r.strategy());
            o.put("threads", r.threads());
            MetricDifference d = r.difference();
            o.putAll(VerdictFiles.differenceJson(d));
            rows.add(o);
        }
        m.put("rows", rows);
        return m;
    }
}
