package dev.vmalab.replay.config;

import java.util.SplittableRandom;

/** Run seeds derived from the --seed the user gave: run 1 uses it as is, so a repro is "--seed S --runs 1". */
public final class Seeds {
    private Seeds() {}

    public static long forRun(long seed, int run) {
        if (run < 1) throw new IllegalArgumentException("runs count from 1, got " + run);
        if (run == 1) return seed;
        return new SplittableRandom(seed).split().nextLong() ^ (0x9E3779B97F4A7C15L * run);
    }
}
