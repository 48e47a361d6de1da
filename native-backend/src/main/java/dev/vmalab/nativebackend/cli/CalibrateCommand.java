package dev.vmalab.nativebackend.cli;

import dev.vmalab.nativebackend.build.NativeBuild;
import dev.vmalab.nativebackend.build.NativeBuildException;
import dev.vmalab.nativebackend.calib.CalibrationFile;
import dev.vmalab.nativebackend.calib.CalibrationPrograms;
import dev.vmalab.nativebackend.calib.Calibrator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vmalab calibrate}: this machine's kernel costs of the paths the verdict weighs, into a calibration file. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Measure on this machine what the running kernel's paths cost (docs/calibration.md): a fault served"
                + " under the per-VMA lock, a fault that fell back to mmap_lock (provoked with a concurrent writer and"
                + " counted with the mmap_lock tracepoints), and the kernel's maple walk from the root vs resumed"
                + " (lib/maple_tree.c, timed in C).",
                "Writes a calibration file that 'replay --calibration FILE' copies into its result folder and 'report'"
                        + " uses to turn counts into ns. Needs gcc (and for the walk liburcu-dev and the kernel source);"
                        + " the fallback count needs root and the mmap_lock tracepoints. Parts that cannot run are named in one line."})
public final class CalibrateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Calibration file to write (default: VMALAB_HOME/reports/out/calibration.properties).")
    Path out;

    @Option(names = "--kernel-src", paramLabel = "DIR|TARBALL",
            description = "Kernel source for the maple library (default: Debian's /usr/src/linux-source-6.12.tar.xz).")
    Path kernelSrc;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Native cache root (default: as 'native build').")
    Path cacheDir;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path file = out != null ? out : defaultFile();
        NativeBuild build = new NativeBuild(cacheDir != null ? cacheDir : NativeBuild.defaultCacheRoot(),
                NativeBuild.sourceOrDefault(Optional.ofNullable(kernelSrc)), line -> {
                    err.println(line);
                    err.flush();
                });
        try { // refuse a file that is not ours before spending the measuring time
            CalibrationFile.checkReplaceable(file);
        } catch (IOException e) {
            err.println("vmalab calibrate: " + e.getMessage());
            return 2;
        }
        long started = System.nanoTime();
        Map<String, String> entries = new LinkedHashMap<>(CalibrationFile.machine(commandLine()));
        try {
            build.toolchain();
        } catch (NativeBuildException e) {
            err.println("vmalab calibrate: " + e.getMessage().lines().findFirst().orElse("no C compiler"));
            return 2;
        }
        entries.putAll(new Calibrator(new CalibrationPrograms(build), Calibrator.Sizes.defaults(), line -> {
            err.println("vmalab calibrate: " + line);
            err.flush();
        }).run());
        try {
            CalibrationFile.write(file, entries);
        } catch (IOException e) {
            err.println("vmalab calibrate: " + e.getMessage());
            return 2;
        }
        o.printf("vmalab calibrate: wrote %s in %.0f s%n", file, (System.nanoTime() - started) / 1e9);
        for (String k : new String[] {"per_vma_fault_ns", "anon_trylock_ns", "abort_fallback_ns", "fallback_fraction",
                "traced_own_writer_anon_trylock_failed", "traced_own_writer_fallbacks",
                "walk_root_ns", "walk_resumed_ns", "node_read_ns"}) {
            if (entries.containsKey(k)) o.printf("  %-20s %s%n", k, entries.get(k));
        }
        o.flush();
        return 0;
    }

    /** Where replay and the demo look for it: VMALAB_HOME/reports/out/calibration.properties. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("vmalab.home", ".")).toAbsolutePath().normalize()
                .resolve("reports").resolve("out").resolve("calibration.properties");
    }

    private String commandLine() {
        StringBuilder sb = new StringBuilder("./vmalab");
        for (String a : spec.commandLine().getParseResult().originalArgs()) sb.append(' ').append(a);
        return sb.toString();
    }
}
