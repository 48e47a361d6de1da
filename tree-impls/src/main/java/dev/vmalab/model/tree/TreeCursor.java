package dev.vmalab.model.tree;

import dev.vmalab.model.maple.MapleStatus;

/**
 * struct ma_state and the operations on it that a lookup path can call (lib/maple_tree.c,
 * include/linux/maple_tree.h): what a strategy gets from {@code VmaIterator.state()}.
 *
 * <p>Every operation that dereferences the cached node ({@link #walk} on an active state when
 * the kernel resumes active states, {@link #find}, {@link #next}, {@link #prev} and
 * {@link #deadNode}) goes through the same checks as the walk, on both backends: the KASAN-like
 * checks (USE_AFTER_FREE, STALE_NODE; ASan on the native backend) and the RCU-section oracle
 * (STALE_RCU_SECTION when the node was read in an earlier RCU read section). The setters and
 * status tests read no node.
 */
public interface TreeCursor {
    /** mas_walk(). */
    Object walk();

    /** mas_find(mas, limit). */
    Object find(long limit);

    /** mas_next(mas, max): the next entry after the current one, up to {@code max}. */
    Object next(long max);

    /** mas_prev(mas, min): the previous entry before the current one, down to {@code min}. */
    Object prev(long min);

    /** mas_set(). */
    void set(long index);

    /** mas_set_range(). */
    void setRange(long first, long last);

    /** mas_reset(): status start, node NULL; index and last stay. */
    void reset();

    /** mas_pause(). */
    void pause();

    /**
     * mte_dead_node(mas->node): whether the cached node is dead (its parent points at itself).
     * It reads the node, so it is checked like a walk: on a node from an earlier RCU section it
     * is itself the bug. False when no node is cached.
     */
    boolean deadNode();

    /**
     * {@code struct ma_state copy = *mas}: an independent state with the same fields, cached
     * node and RCU-section stamp included (reads no node). For trying an operation without
     * changing this state.
     */
    TreeCursor copy();

    long index();

    long last();

    MapleStatus status();

    /** mas_is_active(). */
    default boolean isActive() {
        return status() == MapleStatus.ACTIVE;
    }

    /** mas_is_start(). */
    default boolean isStart() {
        return status() == MapleStatus.START;
    }

    /** mas_is_none(). */
    default boolean isNone() {
        return status() == MapleStatus.NONE;
    }

    /** mas_is_paused(). */
    default boolean isPaused() {
        return status() == MapleStatus.PAUSE;
    }

    /** mas_is_overflow(). */
    default boolean isOverflow() {
        return status() == MapleStatus.OVERFLOW;
    }

    /** mas_is_underflow(). */
    default boolean isUnderflow() {
        return status() == MapleStatus.UNDERFLOW;
    }

    /** mas_is_err(). */
    default boolean isErr() {
        return status() == MapleStatus.ERROR;
    }
}
