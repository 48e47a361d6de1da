package dev.vmalab.model.maple;

/**
 * The status test at the top of {@code mas_walk()} (lib/maple_tree.c). It
 * decides whether a retry with an active state can read a freed node.
 */
public enum WalkSemantics {
    /**
     * Since June 2025 (in 6.18): {@code if (!mas_is_active(mas) && !mas_is_start(mas))}:
     * an active state resumes at its cached node with its cached min/max.
     */
    RESUME_ACTIVE,
    /**
     * Before (e.g. Debian's 6.12): {@code ||}, always true: every walk restarts
     * from the root. The pre-fix retry is memory-safe but walks the stale index.
     */
    ALWAYS_RESTART
}
