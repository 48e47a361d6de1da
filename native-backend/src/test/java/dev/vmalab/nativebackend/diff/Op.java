package dev.vmalab.nativebackend.diff;

/**
 * One step of a differential sequence: a write, a read through one of the cursors, or a grace
 * period. Printed as the Java a reader could paste into a test.
 *
 * @param kind   what to do
 * @param cursor which cursor (cursor ops)
 * @param a      first / index / limit
 * @param b      last (STORE, SET_RANGE)
 * @param entry  VMA pool slot for STORE, -1 for a null store
 */
record Op(Kind kind, int cursor, long a, long b, int entry) {
    enum Kind {
        /** mtree_store_range(a, b, entry). */
        STORE,
        /** mtree_erase(a). */
        ERASE,
        /** mtree_load(a). */
        LOAD,
        /** mas_walk. */
        WALK,
        /** mas_find(a). */
        FIND,
        /** mas_set(a). */
        SET,
        /** mas_set_range(a, b). */
        SET_RANGE,
        /** mas_reset. */
        RESET,
        /** mas_pause. */
        PAUSE,
        /**
         * Every cursor mas_pause()d (as a caller must before dropping the lock), rcu_read_unlock,
         * a full grace period with its frees on both sides, rcu_read_lock.
         */
        QUIESCE
    }

    @Override
    public String toString() {
        String c = "mas" + cursor;
        return switch (kind) {
            case STORE -> "store(" + h(a) + ", " + h(b) + ", " + (entry < 0 ? "null" : "vma" + entry) + ")";
            case ERASE -> "erase(" + h(a) + ")";
            case LOAD -> "load(" + h(a) + ")";
            case WALK -> c + ".walk()";
            case FIND -> c + ".find(" + h(a) + ")";
            case SET -> c + ".set(" + h(a) + ")";
            case SET_RANGE -> c + ".setRange(" + h(a) + ", " + h(b) + ")";
            case RESET -> c + ".reset()";
            case PAUSE -> c + ".pause()";
            case QUIESCE -> "quiesce()";
        };
    }

    static String h(long v) {
        return v == Long.MAX_VALUE ? "MAX" : "0x" + Long.toHexString(v);
    }
}
