package dev.vmalab.replay.config;

/**
 * What a replay adds for the verdict (issue 12): the built-in hunt, the A/A control, and the
 * measured repetitions per cell that make per-run timing stable.
 *
 * @param hunt      run the bounded deterministic hunt (strict grace periods) of every strategy on the same traces
 * @param aaControl replay the reference strategy a second time as {@code REFERENCE#aa}
 * @param reps      measured repetitions of each cell per run (the first is the summary.csv pass)
 */
public record VerdictSettings(boolean hunt, boolean aaControl, int reps) {
    public static final VerdictSettings DEFAULT = new VerdictSettings(true, true, 25);
    /** What callers that predate the verdict get: nothing added. */
    public static final VerdictSettings NONE = new VerdictSettings(false, false, 1);

    public VerdictSettings {
        if (reps < 1 || reps > 100) throw new IllegalArgumentException("--reps must be 1 to 100, is " + reps);
    }
}
