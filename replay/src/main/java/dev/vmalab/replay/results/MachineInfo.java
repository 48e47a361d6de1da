package dev.vmalab.replay.results;

import dev.vmalab.traces.io.AtomicOutput;
import dev.vmalab.replay.config.BackendChoice;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** machine.properties: where and how a result folder was made. */
public final class MachineInfo {
    public static final String FILE = "machine.properties";

    private MachineInfo() {}

    /**
     * @param command the exact vmalab command line
     * @param seeds   the run seeds used
     * @param backend the tree backend and kernel source ({@code backend}, {@code kernel_src} keys)
     */
    public static Map<String, String> describe(String command, List<Long> seeds, String amplify, BackendChoice backend,
                                               boolean deterministic) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("cpu_model", cpuModel());
        p.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        p.put("kernel", firstLine(Path.of("/proc/sys/kernel/osrelease"), System.getProperty("os.version")));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        p.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        p.put("jvm_flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        p.put("date", OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        p.put("command", command);
        p.put("seeds", String.join(",", seeds.stream().map(String::valueOf).toList()));
        p.putAll(backend.properties());
        p.put("amplify", amplify);
        p.put("deterministic", Boolean.toString(deterministic));
        return p;
    }

    public static void write(Path dir, Map<String, String> props) throws IOException {
        StringBuilder sb = new StringBuilder("# vmalab result folder: where and how it was made\n");
        props.forEach((k, v) -> sb.append(k).append('=').append(escape(v)).append('\n'));
        AtomicOutput.write(dir.resolve(FILE), out -> out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** Adds keys to an existing machine.properties (kept in order, rewritten atomically). */
    public static void append(Path dir, Map<String, String> more) throws IOException {
        Path file = dir.resolve(FILE);
        StringBuilder sb = new StringBuilder(Files.readString(file, StandardCharsets.ISO_8859_1));
        more.forEach((k, v) -> sb.append(k).append('=').append(escape(v)).append('\n'));
        AtomicOutput.write(file, out -> out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** java.util.Properties escaping, written by hand to keep the documented key order. */
    static String escape(String v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '=', ':', '#', '!' -> sb.append('\\').append(ch);
                default -> {
                    if (ch < 0x20 || ch > 0x7e) sb.append(String.format("\\u%04x", (int) ch));
                    else if (ch == ' ' && i == 0) sb.append("\\ ");
                    else sb.append(ch);
                }
            }
        }
        return sb.toString();
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).strip();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private static String firstLine(Path file, String fallback) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).getFirst().strip();
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }
}
