package dev.vmalab.cli;

import dev.vmalab.traces.format.TraceWriter;
import dev.vmalab.traces.generate.Generators;
import dev.vmalab.traces.generate.Params;
import dev.vmalab.traces.generate.WorkloadGenerator;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The traces the demo replays: the bundled samples, or small generated ones when there are none. */
final class DemoTraces {
    private DemoTraces() {}

    /** vmalab's folder: the launcher sets vmalab.home; else the current directory. */
    static Path home() {
        return Path.of(System.getProperty("vmalab.home", ".")).toAbsolutePath().normalize();
    }

    /** traces/samples/*.csv* (vmalab's CSV format, any compression), sorted by name. */
    static List<Path> samples(Path home) throws IOException {
        Path dir = home.resolve("traces").resolve("samples");
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.csv*")) {
            for (Path p : ds) if (Files.isRegularFile(p)) out.add(p);
        }
        out.sort(null);
        return out;
    }

    /** Three small synthetic traces (vma-churn, maps-readers, fault-storm) written into {@code dir}. */
    static List<Path> generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        out.add(write(dir, "vma-churn", Map.of("ops", "600", "faults-per-op", "10")));
        out.add(write(dir, "maps-readers", Map.of()));
        out.add(write(dir, "fault-storm", Map.of("faults", "15000")));
        return out;
    }

    private static Path write(Path dir, String name, Map<String, String> params) throws IOException {
        WorkloadGenerator g = Generators.byName(name);
        Path file = dir.resolve(name + ".csv");
        try (TraceWriter w = TraceWriter.create(file)) {
            g.generate(Params.of(name, g.params(), params), 1, w::write);
            w.commit();
        }
        return file;
    }
}
