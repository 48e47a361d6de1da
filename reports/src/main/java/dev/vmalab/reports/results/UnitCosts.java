package dev.vmalab.reports.results;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * What one counted event costs, in ns, to turn a result folder's counts (maple nodes read,
 * fallbacks to mmap_lock) into time. From the folder's {@code calibration.properties} (made by
 * {@code ./vmalab calibrate} on the machine it ran on, docs/calibration.md): the running
 * kernel's costs. Without it, from the replay's own latency: the model's ns per node read, and
 * no price for a fallback or a fault ({@code NaN}), which the report says.
 *
 * @param nodeReadNs      one more maple node read by a walk
 * @param abortFallbackNs extra cost of a fault that fell back to mmap_lock (NaN: unknown)
 * @param perVmaFaultNs   a whole fault served under the per-VMA lock (NaN: unknown)
 * @param calibrated      true when the costs are the kernel's, measured by calibrate
 * @param source          where the costs come from, in one line (file, machine, kernel, date)
 */
public record UnitCosts(double nodeReadNs, double abortFallbackNs, double perVmaFaultNs, boolean calibrated,
                        String source) {
    public static final String FILE = "calibration.properties";
    static final String FORMAT = "vmalab-calibration-1";

    /** The folder's calibration, or the model's own costs from its summary rows. */
    public static UnitCosts of(ResultFolder folder) {
        Path file = folder.dir().resolve(FILE);
        return Files.isRegularFile(file) ? read(file) : fromModel(folder.summary());
    }

    /** Reads a calibration file; a wrong one is a {@link ResultFormatException} naming the file, line and reason. */
    public static UnitCosts read(Path file) {
        String text;
        Properties p = new Properties();
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
            try (Reader in = new StringReader(text)) {
                p.load(in);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ResultFormatException(file, "cannot read properties: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new ResultFormatException(file, 1, "not a vmalab calibration file (no format=" + FORMAT + ")");
        }
        double node = ns(file, text, p, "node_read_ns");
        double fallback = ns(file, text, p, "abort_fallback_ns");
        double fault = ns(file, text, p, "per_vma_fault_ns");
        String source = FILE + " (" + p.getProperty("command", "./vmalab calibrate") + ", kernel "
                + p.getProperty("kernel", "?") + ", " + p.getProperty("cpu_model", "?") + ", " + p.getProperty("cores", "?")
                + " cores, " + p.getProperty("date", "date unknown") + ")";
        return new UnitCosts(node, fallback, fault, true, source);
    }

    /** A cost the file may lack (calibrate writes only what it could measure): NaN then; negative or not a number is an error. */
    private static double ns(Path file, String text, Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) return Double.NaN;
        try {
            double d = Double.parseDouble(v.strip());
            if (d >= 0 && Double.isFinite(d)) return d;
        } catch (NumberFormatException ignored) {
            // reported below with the line
        }
        throw new ResultFormatException(file, lineOf(text, key), key + ": '" + v + "' is not a cost in ns (a number >= 0)");
    }

    private static long lineOf(String text, String key) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(key + "=") || lines.get(i).startsWith(key + " ")) return i + 1;
        }
        return 0;
    }

    /**
     * Without calibration: ns per node read as the replay measured the model, over the rows
     * whose lookups read nodes (sum of mean_ns x lookups / sum of nodes_per_lookup x lookups).
     * It charges a whole lookup's time to its node reads, so it is an upper bound.
     */
    static UnitCosts fromModel(List<SummaryRow> rows) {
        double ns = 0, nodes = 0;
        for (SummaryRow r : rows) {
            if (r.nodesPerLookup() <= 0 || r.meanNs() <= 0) continue;
            ns += r.meanNs() * r.lookups();
            nodes += r.nodesPerLookup() * r.lookups();
        }
        return new UnitCosts(nodes > 0 ? ns / nodes : Double.NaN, Double.NaN, Double.NaN, false,
                "no calibration.properties: the model's own measured ns per node read (mean lookup ns / nodes per lookup"
                        + " over this folder's runs, an upper bound); fallbacks and faults not priced (run ./vmalab calibrate,"
                        + " then replay --calibration FILE)");
    }
}
