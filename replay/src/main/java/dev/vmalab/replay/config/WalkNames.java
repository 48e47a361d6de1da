package dev.vmalab.replay.config;

import dev.vmalab.model.maple.WalkSemantics;
import java.util.List;
import java.util.function.Consumer;

/**
 * The names of the two kernel variants on the command line. Both run 6.18's lookup code
 * (lock_vma_under_rcu(), lock_next_vma(), a vma_start_read() that drops RCU on failure); they
 * differ in the status test at the top of mas_walk() (lib/maple_tree.c).
 */
public final class WalkNames {
    private WalkNames() {}

    /** 6.18 as it is: mas_walk() resumes an active state at its cached node. */
    public static final String V6_18 = "6.18";
    /** 6.18's lookup on the pre-June-2025 mas_walk(), which restarts every walk at the root (as Debian's 6.12 lib/maple_tree.c). */
    public static final String V6_18_RESTART_WALK = "6.18-restart-walk";
    /** The old name of {@link #V6_18_RESTART_WALK}: 6.12 itself had no lock_next_vma() and its vma_start_read() kept RCU. */
    static final String DEPRECATED_6_12 = "6.12";

    public static final List<String> ALLOWED = List.of(V6_18, V6_18_RESTART_WALK);

    public static String of(WalkSemantics w) {
        return w == WalkSemantics.RESUME_ACTIVE ? V6_18 : V6_18_RESTART_WALK;
    }

    /** The semantics {@code name} stands for; an old spelling is accepted and {@code deprecation} gets one line. */
    public static WalkSemantics parse(String name, Consumer<String> deprecation) {
        return switch (name) {
            case V6_18 -> WalkSemantics.RESUME_ACTIVE;
            case V6_18_RESTART_WALK -> WalkSemantics.ALWAYS_RESTART;
            case DEPRECATED_6_12 -> {
                deprecation.accept("vmalab: --walk-semantics 6.12 is deprecated, use " + V6_18_RESTART_WALK
                        + " (the same variant: 6.18's lookup on the pre-June-2025 mas_walk(); 6.12 itself had no"
                        + " lock_next_vma() and no vma_start_read() that drops RCU)");
                yield WalkSemantics.ALWAYS_RESTART;
            }
            default -> throw new IllegalArgumentException(
                    "walk semantics '" + name + "' is not known; allowed: " + String.join(", ", ALLOWED));
        };
    }
}
