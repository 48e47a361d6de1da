package dev.vmalab.nativebackend.calib;

import dev.vmalab.traces.io.AtomicOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a calibration file (docs/calibration.md): a Java properties file whose first entry is
 * {@code format=vmalab-calibration-1}, then the machine and kernel, then the unit costs with a
 * {@code .how} line each. An existing file is replaced only when it is a calibration file too
 * (the lab's own output), and the new one appears whole (written beside it, then moved).
 */
public final class CalibrationFile {
    public static final String FORMAT = "vmalab-calibration-1";

    private CalibrationFile() {}

    /** The machine and kernel the costs were measured on. */
    public static Map<String, String> machine(String command) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("command", command);
        m.put("cpu_model", cpuModel());
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("kernel", read("/proc/sys/kernel/osrelease"));
        m.put("thp", read("/sys/kernel/mm/transparent_hugepage/enabled"));
        return m;
    }

    /** Writes {@code entries} to {@code file}; refuses to replace a file that is not a calibration. */
    public static void write(Path file, Map<String, String> entries) throws IOException {
        checkReplaceable(file);
        StringBuilder sb = new StringBuilder("# vmalab calibration: this machine's kernel costs in ns (docs/calibration.md)\n");
        entries.forEach((k, v) -> sb.append(k).append('=').append(escape(v)).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicOutput.write(file, sb.toString().getBytes(StandardCharsets.ISO_8859_1)); // refuses devices, FIFOs, links
    }

    /** Throws when {@code file} exists and is not a calibration file (the lab overwrites only its own output). */
    public static void checkReplaceable(Path file) throws IOException {
        if (Files.exists(file) && !isCalibration(file)) {
            throw new IOException(file + ": exists and is not a vmalab calibration file (not replaced)");
        }
    }

    static boolean isCalibration(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return false;
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        return lines.stream().anyMatch(l -> l.strip().equals("format=" + FORMAT));
    }

    /** Properties escaping for values (ISO-8859-1 file, so anything else as \\uXXXX). */
    static String escape(String v) {
        StringBuilder sb = new StringBuilder();
        for (char c : v.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    private static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) return l.substring(l.indexOf(':') + 1).strip();
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: unknown
        }
        return "unknown";
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path)).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
