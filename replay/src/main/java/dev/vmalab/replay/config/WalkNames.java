package dev.vmalab.replay.config;

import dev.vmalab.model.maple.WalkSemantics;
import java.util.List;

/** The kernel versions that name the two mas_walk() semantics on the command line. */
public final class WalkNames {
    private WalkNames() {}

    public static final List<String> ALLOWED = List.of("6.18", "6.12");

    public static String of(WalkSemantics w) {
        return w == WalkSemantics.RESUME_ACTIVE ? "6.18" : "6.12";
    }

    public static WalkSemantics parse(String name) {
        return switch (name) {
            case "6.18" -> WalkSemantics.RESUME_ACTIVE;
            case "6.12" -> WalkSemantics.ALWAYS_RESTART;
            default -> throw new IllegalArgumentException(
                    "walk semantics '" + name + "' is not known; allowed: " + String.join(", ", ALLOWED));
        };
    }
}
