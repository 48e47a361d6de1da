package dev.vmalab.model.tree;

/**
 * An mm's VMA tree as the rest of the model uses it: the maple tree API
 * (lib/maple_tree.c) that mm code calls. Two implementations: the Java model
 * ({@link dev.vmalab.model.maple.MapleTree}) and the kernel's own code built as
 * a native library (native-backend). Writers hold the mm's mmap_lock; readers
 * use a {@link TreeCursor} inside an RCU read section.
 */
public interface RangeTree {
    /** ULONG_MAX in the model (user addresses are far below 2^63). */
    long MAX = Long.MAX_VALUE;

    /** mtree_store_range() / mas_store_gfp(): entry (or null to clear) over [first, last]. */
    void store(long first, long last, Object entry);

    /** mtree_erase(): removes the entry at {@code index}; returns it. */
    Object erase(long index);

    /** mtree_load(): the entry at {@code index}, under rcu_read_lock(). */
    Object load(long index);

    /** Every non-null entry in order, with its range (writer side). */
    void forEach(EntryVisitor visitor);

    /** MA_STATE(mas, tree, first, last). */
    TreeCursor cursor(long first, long last);

    /** Checks the structure; throws IllegalStateException with the reason. */
    void verify();

    /**
     * The tree's nodes in pre-order, four values each: {@code depth << 1 | isLeaf}, the data end,
     * min and max; empty when the tree has no node. Writer side. Two implementations that build
     * the same nodes for the same stores give the same array (the differential test checks it).
     */
    long[] nodeShape();

    @FunctionalInterface
    interface EntryVisitor {
        void visit(long first, long last, Object entry);
    }
}
