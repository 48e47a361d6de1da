package dev.vmalab.reports.results;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Properties;
import java.util.SequencedMap;
import java.util.TreeSet;

/** Reads machine.properties; documented keys first, in documented order, then any others sorted. */
final class MachineProperties {
    static final List<String> KEYS = List.of("date", "command", "seeds", "cpu_model", "cores", "kernel", "os",
            "jvm", "jvm_flags", "backend", "amplify", "deterministic");

    private MachineProperties() {}

    static SequencedMap<String, String> read(Path file) {
        SequencedMap<String, String> ordered = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) return ordered;
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new ResultFormatException(file, "cannot parse properties: " + e.getMessage(), e);
        }
        for (String k : KEYS) {
            if (p.containsKey(k)) ordered.put(k, p.getProperty(k));
        }
        for (String k : new TreeSet<>(p.stringPropertyNames())) ordered.putIfAbsent(k, p.getProperty(k));
        return ordered;
    }
}
