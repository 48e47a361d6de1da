package dev.vmalab.nativebackend;

/**
 * How vmalab stores an id (a VMA number) in the real maple tree: as {@code 0x1000 + id * 8}, a
 * value that looks like an aligned kernel pointer (a {@code struct vm_area_struct *} in
 * {@code mm->mm_mt}).
 *
 * <p>Why this shape (lib/maple_tree.c, include/linux/xarray.h): {@code NULL} means "no entry"; an
 * entry with low bits {@code 10} is internal ({@code xa_is_internal}) and the store functions
 * refuse the reserved ones ({@code mt_is_reserved}: internal and below
 * {@code MAPLE_RESERVED_RANGE} = 4096; {@code xa_is_advanced}); and a root pointer that is internal
 * and above 4096 would be taken for a node ({@code xa_is_node}). An 8-aligned value of at least
 * 4096 is none of these, exactly like a real VMA pointer. A value that does not decode (see
 * {@link #isEntry}) came from somewhere else: under ASan, a walk through a freed node returns
 * the harness's poison ({@code 0x6b6b6b6b6b6b6b6b}, POISON_FREE).
 */
public final class MapleEntry {
    private MapleEntry() {}

    /** The smallest encoded entry: {@code MAPLE_RESERVED_RANGE}. */
    public static final long BASE = 0x1000;
    /** The largest id that encodes. */
    public static final long MAX_ID = (Long.MAX_VALUE - BASE) >>> 3;

    /** The tree entry for an id ({@code 0 <= id <= MAX_ID}). */
    public static long of(long id) {
        if (id < 0 || id > MAX_ID) throw new IllegalArgumentException("id out of range: " + id);
        return BASE + (id << 3);
    }

    /** True when the value is an entry made by {@link #of}. */
    public static boolean isEntry(long entry) {
        return entry >= BASE && (entry & 7) == 0;
    }

    /** The id of an entry, {@code -1} for {@code NULL}; throws for anything {@link #of} does not make. */
    public static long id(long entry) {
        if (entry == 0) return -1;
        if (!isEntry(entry)) throw new IllegalArgumentException("not a vmalab maple entry: 0x" + Long.toHexString(entry));
        return (entry - BASE) >>> 3;
    }
}
