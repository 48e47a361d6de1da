package dev.vmalab.model.maple;

import dev.vmalab.model.mem.NodeMemory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * struct maple_node of type maple_leaf_64 (16 slots, 15 pivots) or, inside an
 * mm's tree (MT_FLAGS_ALLOC_RANGE), maple_arange_64 (10 slots, 9 pivots); slot
 * i covers (pivot[i-1], pivot[i]], slot {@code end} ends at the node's maximum,
 * which the parent's pivot implies. Internal slots hold child nodes, leaf slots
 * hold entries (VMAs) or null for gaps. As in the kernel, pivot[end] holds the
 * node's maximum when end &lt; the pivot count, and unused pivots are 0 (the
 * writer's copies rely on both).
 *
 * <p>Published nodes are not changed, except the two in-place stores the kernel
 * does in RCU mode (exact fit, slot store); those use release stores, readers
 * acquire loads. Dead = parent points to the node itself ({@code ma_dead_node}).
 * Simplification: the data end is kept as metadata for both types, the
 * node type is read from the node rather than from the encoded pointer, the
 * parent slot is a field rather than bits of the parent pointer, and
 * maple_arange_64 keeps no gaps (only allocation searches read them).
 */
public final class MapleNode extends NodeMemory {
    /** mt_slots[maple_leaf_64]; the arrays are this size for both types. */
    public static final int SLOTS = 16;
    public static final int PIVOTS = SLOTS - 1;
    /** mt_slots[maple_arange_64]: internal nodes of an allocation-range tree. */
    public static final int INTERNAL_SLOTS = 10;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle PIVOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long POISON = 0x6b6b6b6b6b6b6b6bL; // slab POISON_FREE bytes

    final long[] pivots = new long[PIVOTS];
    final Object[] slots = new Object[SLOTS];
    volatile int end;
    volatile boolean leaf;
    /**
     * maple_node.parent: one word in the kernel, so a reader climbing sees the
     * parent and the slot in it together. The parent node and this node's
     * slot in it; {@link #TREE} for the root (MA_ROOT_PARENT); {@link #dead}
     * once dead (the node itself); null for a fresh node, which is no root.
     */
    private volatile Parent link;
    private final Parent dead = new Parent(this, 0);

    /** The parent pointer's value: a node and a slot in it, or the tree when {@code node} is null. */
    record Parent(MapleNode node, int slot) {}

    private static final Parent TREE = new Parent(null, 0);

    MapleNode(int address) {
        super(address);
    }

    long pivot(int i) {
        return (long) PIVOT.getAcquire(pivots, i);
    }

    Object slot(int i) {
        return SLOT.getAcquire(slots, i);
    }

    /** rcu_assign_pointer() of one slot: the in-place store readers may see at once. */
    void publishSlot(int i, Object value) {
        SLOT.setRelease(slots, i, value);
    }

    void publishPivot(int i, long value) {
        PIVOT.setRelease(pivots, i, value);
    }

    boolean isDead() {
        return link == dead;
    }

    /** mte_set_node_dead(): parent = self, after the replacement is published. */
    void markDead() {
        link = dead;
    }

    /** ma_is_root(): the parent pointer points at the tree (a dead node's points at itself). */
    boolean isRoot() {
        return link == TREE;
    }

    /** The parent pointer as one read (mte_parent() and mte_parent_slot() of the same word). */
    Parent parentLink() {
        return link;
    }

    /** mte_parent(): the parent node (this node when dead, null for the root or a fresh node). */
    MapleNode parent() {
        Parent l = link;
        return l == null ? null : l.node();
    }

    /** mte_parent_slot(). */
    int parentSlot() {
        Parent l = link;
        return l == null ? 0 : l.slot();
    }

    /** mas_set_parent(): this node sits at {@code slot} of {@code p}. */
    void setParent(MapleNode p, int slot) {
        link = new Parent(p, slot);
    }

    /** {@code node->parent = ma_parent_ptr(mas_tree_parent(mas))}: this node is (to be) the root. */
    void setTreeParent() {
        link = TREE;
    }

    /** {@code node->parent = other->parent}: the same parent pointer, slot and root bit. */
    void copyParentFrom(MapleNode other) {
        link = other.link;
    }

    /** The child at {@code slot} of an internal node. */
    MapleNode child(int slot) {
        return (MapleNode) slots[slot];
    }

    /** mt_slots[type]. */
    int slotCount() {
        return leaf ? SLOTS : INTERNAL_SLOTS;
    }

    /** mt_pivots[type]. */
    int pivotCount() {
        return slotCount() - 1;
    }

    /** mt_min_slots[type]: (16 / 2) - 2 for maple_leaf_64, (10 / 2) - 1 for maple_arange_64. */
    int minSlots() {
        return leaf ? SLOTS / 2 - 2 : INTERNAL_SLOTS / 2 - 1;
    }

    /** mas_safe_pivot(): pivot {@code i}, or the node's maximum past the last pivot. */
    long safePivot(int i, long nodeMax) {
        return i >= pivotCount() ? nodeMax : pivots[i];
    }

    /** Maximum of slot {@code offset}, given the node's maximum. */
    long slotMax(int offset, long nodeMax) {
        return offset < end ? pivot(offset) : nodeMax;
    }

    @Override
    protected void poison() {
        java.util.Arrays.fill(pivots, POISON);
        java.util.Arrays.fill(slots, null);
        end = 0;
        link = dead; // reads of freed memory see a dead node and restart from the root
    }

    @Override
    protected void clear() {
        java.util.Arrays.fill(pivots, 0);
        java.util.Arrays.fill(slots, null);
        end = 0;
        leaf = false;
        link = null;
    }
}
