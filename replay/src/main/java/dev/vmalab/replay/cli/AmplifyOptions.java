package dev.vmalab.replay.cli;

import dev.vmalab.replay.config.Amplification;
import dev.vmalab.replay.config.WalkNames;
import dev.vmalab.model.rcu.GracePeriods;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** --amplify and the knobs it bundles (replay/README.md, "Contention amplification"). */
public final class AmplifyOptions {
    @Option(names = "--amplify", paramLabel = "none|mild|max", defaultValue = "none", converter = Converters.Preset.class,
            description = "Contention amplification preset (default: ${DEFAULT-VALUE}): none = the model's defaults; "
                    + "mild = strict grace periods, 2 us retry-window delay, writer repeat 2; "
                    + "max = strict grace periods, 20 us delay, writer repeat 4, churn on.")
    Amplification.Preset preset;

    @ArgGroup(exclusive = true)
    GraceChoice grace;

    static final class GraceChoice {
        @Option(names = "--strict-gp", description = "End a grace period at the first legal moment (CONFIG_RCU_STRICT_GRACE_PERIOD).")
        boolean strict;

        @Option(names = "--lazy-gp", description = "End grace periods lazily, in batches (the kernel's default).")
        boolean lazy;
    }

    @Option(names = "--quarantine", paramLabel = "NODES",
            description = "Freed maple nodes kept poisoned before reuse; 0 = reuse at once (reads of reused memory are STALE_NODE). Default: as --amplify sets it.")
    Integer quarantine;

    @Option(names = "--retry-window-delay-ns", paramLabel = "NS",
            description = "Delay between a failed vma_start_read() and the retry's rcu_read_lock(); "
                    + "with --deterministic any value > 0 makes the scheduler always switch there. Default: as --amplify sets it.")
    Long retryWindowDelayNs;

    @Option(names = "--writer-repeat", paramLabel = "K",
            description = "Apply each writer event K times (protection toggled back and forth, unmapped ranges re-mapped and unmapped). Default: as --amplify sets it.")
    Integer writerRepeat;

    @Option(names = "--walk-semantics", paramLabel = "6.18|6.18-restart-walk", converter = Converters.Walk.class,
            description = "Kernel variant: 6.18 (its mas_walk() resumes an active state at its cached node) or "
                    + "6.18-restart-walk (6.18's lookup on the pre-June-2025 mas_walk(), every walk from the root). "
                    + "The old name 6.12 still works, with a deprecation line.")
    dev.vmalab.model.maple.WalkSemantics walk;

    @Mixin
    BackendOptions backend = new BackendOptions();

    @Option(names = "--churn", negatable = true,
            description = "An extra writer thread splits and re-merges (madvise DONTDUMP/DODUMP of one page) the VMA the faults hit last.")
    Boolean churn;

    /**
     * The preset with every knob given on the command line applied over it.
     *
     * @throws IllegalArgumentException a bad knob or backend choice (see {@link BackendOptions#choice()})
     */
    public Amplification amplification() {
        Amplification a = Amplification.of(preset);
        if (grace != null && grace.strict) a = a.withGracePeriods(GracePeriods.STRICT);
        if (grace != null && grace.lazy) a = a.withGracePeriods(GracePeriods.LAZY);
        if (quarantine != null) a = a.withQuarantine(quarantine);
        if (retryWindowDelayNs != null) a = a.withRetryWindowDelayNs(retryWindowDelayNs);
        if (writerRepeat != null) a = a.withWriterRepeat(writerRepeat);
        if (walk != null) a = a.withWalkSemantics(walk);
        if (churn != null) a = a.withChurn(churn);
        return a.withBackend(backend.choice());
    }

    static String walkAllowed() {
        return String.join("|", WalkNames.ALLOWED);
    }
}
