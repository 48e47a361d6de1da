package dev.vmalab.replay.stress;

/**
 * A stress hunt: which strategy, the seed of the interleaving and of the workload, how
 * many fault threads hammer the VMAs (one more thread writes), and when to stop.
 *
 * @param seconds    wall-clock budget; checked between writer iterations, so it never changes the interleaving
 * @param iterations writer iterations at most (the repro command fixes it); Long.MAX_VALUE = until the time is up
 */
public record StressOptions(String strategy, long seed, int faultThreads, double seconds, long iterations) {
    public StressOptions {
        if (faultThreads < 1 || faultThreads > 64) throw new IllegalArgumentException("--threads must be 1..64, is " + faultThreads);
        if (!(seconds > 0)) throw new IllegalArgumentException("--seconds must be > 0, is " + seconds);
        if (iterations < 1) throw new IllegalArgumentException("--iterations must be >= 1, is " + iterations);
    }

    /** The command that replays this hunt up to and including writer iteration {@code iterations}. */
    public String repro(long iterations) {
        return "./vmalab stress --strategy " + strategy + " --seed " + seed + " --threads " + faultThreads
                + " --iterations " + iterations;
    }
}
