package dev.vmalab.reports.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a result folder (docs/result-format.md). summary.csv is required; violations.csv and
 * retries.csv may be absent (read as empty: a run without violations may skip the file); every
 * file that is present must be well-formed.
 */
public final class ResultFolderReader {
    private ResultFolderReader() {}

    public static ResultFolder read(Path dir) {
        if (!Files.isDirectory(dir)) throw new ResultFormatException(dir, 0, "is not a directory");
        Path summary = dir.resolve("summary.csv");
        if (!Files.isRegularFile(summary)) {
            throw new ResultFormatException(summary, 0, "missing: is this a vmalab result folder?");
        }
        return new ResultFolder(
                dir,
                SummaryCsv.read(summary),
                optional(dir.resolve("violations.csv")) ? ViolationsCsv.read(dir.resolve("violations.csv")) : List.of(),
                optional(dir.resolve("retries.csv")) ? RetriesCsv.read(dir.resolve("retries.csv")) : List.of(),
                HistogramLogs.read(dir.resolve("histograms")),
                optional(dir.resolve("traces.csv")) ? TracesCsv.read(dir.resolve("traces.csv")) : List.of(),
                optional(dir.resolve("machine.properties"))
                        ? MachineProperties.read(dir.resolve("machine.properties")) : new LinkedHashMap<>(),
                listRelative(dir, "jfr", ".jfr"),
                listRelative(dir, "flame", ".html"));
    }

    private static boolean optional(Path file) {
        return Files.isRegularFile(file);
    }

    private static List<Path> listRelative(Path dir, String sub, String suffix) {
        Path d = dir.resolve(sub);
        if (!Files.isDirectory(d)) return List.of();
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().map(dir::relativize).toList();
        } catch (IOException e) {
            throw new ResultFormatException(d, "cannot list: " + e.getMessage(), e);
        }
    }
}
