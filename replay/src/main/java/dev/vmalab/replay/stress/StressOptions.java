package dev.vmalab.replay.stress;

import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.replay.config.BackendChoice;
import dev.vmalab.replay.config.ReplaySettings;
import java.nio.file.Path;
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
 * @param gracePeriods STRICT (the default: a node is freed at the first legal moment) or LAZY (--lazy-gp)
 * @param strategyJars jars the strategy comes from (--strategy-jar); the repro command names them
 */
public record StressOptions(String strategy, long seed, int faultThreads, double seconds, long iterations,
                            BackendChoice backend, GracePeriods gracePeriods, List<Path> strategyJars) {
    public StressOptions {
        strategyJars = List.copyOf(strategyJars);
        if (faultThreads < 1 || faultThreads > 64) throw new IllegalArgumentException("--threads must be 1..64, is " + faultThreads);
        if (!(seconds > 0)) throw new IllegalArgumentException("--seconds must be > 0, is " + seconds);
        if (iterations < 1) throw new IllegalArgumentException("--iterations must be >= 1, is " + iterations);
    }

    /** A hunt with strict grace periods and a built-in strategy. */
    public StressOptions(String strategy, long seed, int faultThreads, double seconds, long iterations,
                         BackendChoice backend) {
        this(strategy, seed, faultThreads, seconds, iterations, backend, GracePeriods.STRICT, List.of());
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
        if (gracePeriods == GracePeriods.LAZY) a.add("--lazy-gp");
        // absolute, so the command works from wherever ./vmalab is run
        for (Path jar : strategyJars) a.addAll(List.of("--strategy-jar", jar.toAbsolutePath().normalize().toString()));
        return a.stream().map(ReplaySettings::quote).collect(Collectors.joining(" "));
    }
}
