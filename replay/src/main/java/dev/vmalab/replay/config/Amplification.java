package dev.vmalab.replay.config;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.check.ViolationSink;
import dev.vmalab.model.maple.WalkSemantics;
import dev.vmalab.model.rcu.GracePeriods;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much replay widens the race of lock_vma_under_rcu()'s retry (replay/README.md,
 * "Contention amplification"). A preset names a bundle of knobs; each knob can be set on
 * its own on the command line and then overrides the preset.
 *
 * @param preset           the --amplify value the knobs started from
 * @param gracePeriods     STRICT = CONFIG_RCU_STRICT_GRACE_PERIOD (a freed node is freed at the first legal moment)
 * @param lazyBatch        LAZY grace periods: callbacks queued before a grace period ends
 * @param quarantine       freed maple nodes held poisoned before reuse; 0 = reuse at once (STALE_NODE instead of UAF)
 * @param retryWindowDelayNs delay between a failed vma_start_read() and the retry's rcu_read_lock()
 * @param writerRepeat     each writer event applied this many times (toggled back and forth: same end state)
 * @param walkSemantics    6.18 (active states resume) or 6.12 (every walk restarts at the root)
 * @param churn            an extra writer thread splits and re-merges the VMA the faults hit last
 * @param backend          the maple tree: java (the model), native or native-asan (the kernel's code,
 *                         variant chosen by walkSemantics: 6.18 = resume-active, 6.12 = as-shipped),
 *                         and the kernel source it is built from
 */
public record Amplification(Preset preset, GracePeriods gracePeriods, int lazyBatch, int quarantine,
                            long retryWindowDelayNs, int writerRepeat, WalkSemantics walkSemantics, boolean churn,
                            BackendChoice backend) {

    /** The --amplify presets. */
    public enum Preset {
        NONE, MILD, MAX;

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Amplification {
        if (lazyBatch < 1) throw new IllegalArgumentException("lazy batch must be >= 1, is " + lazyBatch);
        if (quarantine < 0) throw new IllegalArgumentException("--quarantine must be >= 0, is " + quarantine);
        if (retryWindowDelayNs < 0) throw new IllegalArgumentException("--retry-window-delay-ns must be >= 0");
        if (writerRepeat < 1) throw new IllegalArgumentException("--writer-repeat must be >= 1, is " + writerRepeat);
    }

    public static Amplification of(Preset preset) {
        return switch (preset) {
            // The model's defaults: lazy grace periods, a KASAN-sized quarantine, nothing delayed.
            case NONE -> new Amplification(preset, GracePeriods.LAZY, 64, 1024, 0, 1, WalkSemantics.RESUME_ACTIVE, false, BackendChoice.JAVA);
            case MILD -> new Amplification(preset, GracePeriods.STRICT, 64, 1024, 2_000, 2, WalkSemantics.RESUME_ACTIVE, false, BackendChoice.JAVA);
            case MAX -> new Amplification(preset, GracePeriods.STRICT, 1, 1024, 20_000, 4, WalkSemantics.RESUME_ACTIVE, true, BackendChoice.JAVA);
        };
    }

    public Amplification withGracePeriods(GracePeriods g) {
        return new Amplification(preset, g, lazyBatch, quarantine, retryWindowDelayNs, writerRepeat, walkSemantics, churn, backend);
    }

    public Amplification withQuarantine(int q) {
        return new Amplification(preset, gracePeriods, lazyBatch, q, retryWindowDelayNs, writerRepeat, walkSemantics, churn, backend);
    }

    public Amplification withRetryWindowDelayNs(long ns) {
        return new Amplification(preset, gracePeriods, lazyBatch, quarantine, ns, writerRepeat, walkSemantics, churn, backend);
    }

    public Amplification withWriterRepeat(int k) {
        return new Amplification(preset, gracePeriods, lazyBatch, quarantine, retryWindowDelayNs, k, walkSemantics, churn, backend);
    }

    public Amplification withWalkSemantics(WalkSemantics w) {
        return new Amplification(preset, gracePeriods, lazyBatch, quarantine, retryWindowDelayNs, writerRepeat, w, churn, backend);
    }

    public Amplification withChurn(boolean on) {
        return new Amplification(preset, gracePeriods, lazyBatch, quarantine, retryWindowDelayNs, writerRepeat,
                walkSemantics, on, backend);
    }

    public Amplification withBackend(BackendChoice b) {
        return new Amplification(preset, gracePeriods, lazyBatch, quarantine, retryWindowDelayNs, writerRepeat,
                walkSemantics, churn, b);
    }

    /** A kernel with these knobs, reporting violations to {@code sink}. */
    public Kernel.Builder kernel(ViolationSink sink) {
        Kernel.Builder b = Kernel.builder().gracePeriods(gracePeriods).lazyBatch(lazyBatch).quarantine(quarantine)
                .walkSemantics(walkSemantics).violations(sink).checks(true);
        // Strict grace periods: the kernel's code frees after the model's grace periods; run the due ones after each store.
        backend.applyTo(b, walkSemantics, gracePeriods == GracePeriods.STRICT);
        return b;
    }

    /** The command-line options that give these knobs: the preset, then each knob that differs from it. */
    public List<String> args() {
        Amplification base = of(preset);
        List<String> out = new ArrayList<>(List.of("--amplify", preset.cliName()));
        if (gracePeriods != base.gracePeriods) out.add(gracePeriods == GracePeriods.STRICT ? "--strict-gp" : "--lazy-gp");
        if (quarantine != base.quarantine) out.addAll(List.of("--quarantine", Integer.toString(quarantine)));
        if (retryWindowDelayNs != base.retryWindowDelayNs) {
            out.addAll(List.of("--retry-window-delay-ns", Long.toString(retryWindowDelayNs)));
        }
        if (writerRepeat != base.writerRepeat) out.addAll(List.of("--writer-repeat", Integer.toString(writerRepeat)));
        if (walkSemantics != base.walkSemantics) out.addAll(List.of("--walk-semantics", WalkNames.of(walkSemantics)));
        if (churn != base.churn) out.add(churn ? "--churn" : "--no-churn");
        out.addAll(backend.args());
        return out;
    }

    /** One line for machine.properties. */
    public String describe() {
        return "%s (grace periods %s, lazy batch %d, quarantine %d, retry window delay %d ns, writer repeat %d, walk %s, churn %s, backend %s)"
                .formatted(preset.cliName(), gracePeriods, lazyBatch, quarantine, retryWindowDelayNs, writerRepeat,
                        WalkNames.of(walkSemantics), churn ? "on" : "off", backend.describe());
    }
}
