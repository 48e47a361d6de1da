package dev.vmalab.nativebackend;

/**
 * {@code enum maple_status} (include/linux/maple_tree.h), in the kernel's order: the ordinal is
 * the C value {@code vml_mas_status()} returns.
 */
public enum MapleStatus {
    /** {@code ma_active}: {@code mas->node} is valid; {@code mas_walk()} may resume there (resume-active variant). */
    ACTIVE,
    /** {@code ma_start}: the next walk starts from the root. */
    START,
    /** {@code ma_root}: the entry is in the root pointer itself. */
    ROOT,
    /** {@code ma_none}: the tree is empty or the search ran off its range. */
    NONE,
    /** {@code ma_pause}: set by {@code mas_pause()}; the next find re-walks from the root. */
    PAUSE,
    /** {@code ma_overflow}: a find went past its {@code max}. */
    OVERFLOW,
    /** {@code ma_underflow}: a reverse find went below its {@code min}. */
    UNDERFLOW,
    /** {@code ma_error}: an operation failed (e.g. allocation). */
    ERROR;

    private static final MapleStatus[] VALUES = values();

    /** The status for a C {@code enum maple_status} value. */
    public static MapleStatus of(int value) {
        if (value < 0 || value >= VALUES.length) throw new IllegalArgumentException("unknown maple_status " + value);
        return VALUES[value];
    }
}
