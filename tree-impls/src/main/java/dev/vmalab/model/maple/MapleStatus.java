package dev.vmalab.model.maple;

/** enum maple_status (include/linux/maple_tree.h). */
public enum MapleStatus {
    /** ma_active: node, min, max, offset are valid; a walk may resume at {@code node}. */
    ACTIVE,
    /** ma_start: the next operation walks from the root. */
    START,
    /** ma_root: the tree's root is a single entry (not produced by this model: see README). */
    ROOT,
    /** ma_none: nothing found / empty tree. */
    NONE,
    /** ma_pause: the caller dropped its lock; the next find continues after {@code last}. */
    PAUSE,
    /** ma_overflow: searched past the limit. */
    OVERFLOW,
    /** ma_underflow: searched below the limit. */
    UNDERFLOW,
    /** ma_error. */
    ERROR
}
