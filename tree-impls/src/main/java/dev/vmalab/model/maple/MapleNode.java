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
    /** The parent node, null for the root, this node itself once dead. */
    volatile MapleNode parent;
    /** mte_parent_slot(): this node's offset in its parent (writer side). */
    int parentSlot;
    /**
     * MA_ROOT_PARENT: the parent pointer points at the tree. A fresh node has
     * neither a parent nor this bit, so it is not a root until given one.
     */
    boolean treeParent;

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
        return parent == this;
    }

    /** mte_set_node_dead(): parent = self, after the replacement is published. */
    void markDead() {
        parent = this;
    }

    /** ma_is_root(): the parent pointer points at the tree (a dead node's points at itself). */
    boolean isRoot() {
        return treeParent && parent != this;
    }

    /** mas_set_parent(): this node sits at {@code slot} of {@code p}. */
    void setParent(MapleNode p, int slot) {
        parent = p;
        parentSlot = slot;
        treeParent = false;
    }

    /** {@code node->parent = other->parent}: the same parent pointer, slot and root bit. */
    void copyParentFrom(MapleNode other) {
        parent = other.parent;
        parentSlot = other.parentSlot;
        treeParent = other.treeParent;
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
        parent = this; // reads of freed memory see a dead node and restart from the root
    }

    @Override
    protected void clear() {
        java.util.Arrays.fill(pivots, 0);
        java.util.Arrays.fill(slots, null);
        end = 0;
        leaf = false;
        parent = null;
        parentSlot = 0;
        treeParent = false;
    }
}
