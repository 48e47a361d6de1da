package dev.vmalab.model.tree;

import dev.vmalab.model.maple.MapleStatus;

/** struct ma_state and the read operations the lookup paths use (mas_walk, mas_find, mas_set, ...). */
public interface TreeCursor {
    /** mas_walk(). */
    Object walk();

    /** mas_find(mas, limit). */
    Object find(long limit);

    /** mas_set(). */
    void set(long index);

    /** mas_set_range(). */
    void setRange(long first, long last);

    /** mas_reset(): status start, node NULL; index and last stay. */
    void reset();

    /** mas_pause(). */
    void pause();

    long index();

    long last();

    MapleStatus status();
}
