package dev.vmalab.replay.stress;

import dev.vmalab.replay.config.BackendChoice;
import dev.vmalab.replay.config.ReplaySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A stress hunt: which strategy, the seed of the interleaving and of the workload, how
 * many fault threads hammer the VMAs (one more thread writes), when to stop, and the maple
 * tree it runs on.
 *
 * @param seconds    wall-clock budget; checked between writer iterations, so it never changes the interleaving
 * @param iterations writer iterations at most (the repro command fixes it); Long.MAX_VALUE = until the time is up
 * @param backend    the Java model or the kernel's code (and the kernel source it is built from)
 */
public record StressOptions(String strategy, long seed, int faultThreads, double seconds, long iterations,
                            BackendChoice backend) {
    public StressOptions {
        if (faultThreads < 1 || faultThreads > 64) throw new IllegalArgumentException("--threads must be 1..64, is " + faultThreads);
        if (!(seconds > 0)) throw new IllegalArgumentException("--seconds must be > 0, is " + seconds);
        if (iterations < 1) throw new IllegalArgumentException("--iterations must be >= 1, is " + iterations);
    }

    /** A hunt on the Java model. */
    public StressOptions(String strategy, long seed, int faultThreads, double seconds, long iterations) {
        this(strategy, seed, faultThreads, seconds, iterations, BackendChoice.JAVA);
    }

    /** The command that replays this hunt up to and including writer iteration {@code iterations}. */
    public String repro(long iterations) {
        List<String> a = new ArrayList<>(List.of("./vmalab", "stress", "--strategy", strategy, "--seed", Long.toString(seed),
                "--threads", Integer.toString(faultThreads), "--iterations", Long.toString(iterations)));
        a.addAll(backend.args()); // the same tree, built from the same kernel source
        return a.stream().map(ReplaySettings::quote).collect(Collectors.joining(" "));
    }
}
