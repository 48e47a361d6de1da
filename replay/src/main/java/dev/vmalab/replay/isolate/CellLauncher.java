package dev.vmalab.replay.isolate;

import dev.vmalab.replay.config.ReplaySettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one (strategy, run) batch in a fresh JVM: the same java, class path and JVM flags
 * as this one, with the hidden {@code replay-cell} sub-command. Isolation keeps one
 * strategy's JIT profile, heap and GC state out of another's timings.
 */
public final class CellLauncher {
    /** The main class of forked cells: knows only replay's commands. */
    public static final String MAIN = "dev.vmalab.replay.cli.ReplayMain";

    private CellLauncher() {}

    /**
     * The child writes its histograms into {@code out} and records each finished cell in
     * {@code out}/.partial/ (ResumeState), skipping the cells recorded there already.
     *
     * @param more options the settings do not carry (retry accounting's, the verdict's --reps)
     */
    public static void run(List<Path> traces, ReplaySettings s, List<String> more, String strategy, int run, Path out)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags());
        if (dev.vmalab.traces.cli.CliErrors.debug()) cmd.add("-Dvmalab.debug=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN);
        cmd.add("replay-cell");
        for (Path t : traces) cmd.add(t.toString());
        cmd.addAll(s.args());
        cmd.addAll(more);
        cmd.addAll(List.of("--cell-strategy", strategy, "--cell-run", Integer.toString(run), "--out", out.toString()));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        dev.vmalab.replay.engine.Interruption.child(p);
        int exit;
        try {
            exit = p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the cell JVM", e);
        }
        dev.vmalab.replay.engine.Interruption.child(null);
        if (exit != 0) {
            throw new IOException("the cell JVM for strategy " + strategy + ", run " + run + " exited with " + exit
                    + " (command: " + String.join(" ", cmd.stream().map(ReplaySettings::quote).toList()) + ")");
        }
    }

    /** This JVM's flags, without those that must not be doubled (a debugger port, a flight recording). */
    static List<String> jvmFlags() {
        List<String> flags = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-agentlib:jdwp") || a.startsWith("-XX:StartFlightRecording")
                    || a.startsWith("-XX:FlightRecorderOptions")) continue;
            flags.add(a);
        }
        return flags;
    }
}
