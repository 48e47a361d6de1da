package dev.vmalab.replay.cli;

import dev.vmalab.replay.config.VerdictSettings;
import picocli.CommandLine.Option;

/** replay's options for the verdict: the built-in hunt, the A/A control, the measured repetitions. */
public final class VerdictReplayOptions {
    @Option(names = "--no-hunt", description = "Skip the built-in hunt (a deterministic --amplify max replay of every "
            + "strategy on the same traces, into OUT/hunt and OUT/hunt.csv); the verdict then says correctness is not established.")
    boolean noHunt;

    @Option(names = "--no-aa", description = "Do not replay the reference strategy a second time as REFERENCE#aa "
            + "(the A/A control: its timing difference is the verdict's noise floor; without it nothing is called cheaper).")
    boolean noAa;

    @Option(names = "--reps", paramLabel = "N", defaultValue = "25",
            description = "Measured repetitions of each cell per run; in-process they alternate strategies in rounds. "
                    + "timing.csv holds their mean latency, wall and CPU time, GC and JIT time (default: ${DEFAULT-VALUE}).")
    int reps;

    /** Under --deterministic nothing is timed that matters: no A/A control, one repetition (as --jit-passes). */
    VerdictSettings settings(boolean deterministic) {
        return deterministic ? new VerdictSettings(!noHunt, false, 1) : new VerdictSettings(!noHunt, !noAa, reps);
    }
}
