package dev.vmalab.model.maple;

import dev.vmalab.model.mem.NodeMemory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * struct maple_node of type maple_range_64 (internal) or maple_leaf_64:
 * 16 slots, 15 pivots; slot i covers (pivot[i-1], pivot[i]], slot {@code end}
 * ends at the node's maximum, which the parent's pivot implies. Internal slots
 * hold child nodes, leaf slots hold entries (VMAs) or null for gaps.
 *
 * <p>Published nodes are not changed, except the two in-place stores the kernel
 * does in RCU mode (exact fit, slot store); those use release stores, readers
 * acquire loads. Dead = parent points to the node itself ({@code ma_dead_node}).
 * Simplification: the data end is kept as metadata for both types, and the
 * node type is read from the node rather than from the encoded pointer.
 */
public final class MapleNode extends NodeMemory {
    public static final int SLOTS = 16;
    public static final int PIVOTS = SLOTS - 1;
    /** mt_min_slots[maple_range_64]: a non-root node with a data end below this is rebalanced. */
    public static final int MIN_END = SLOTS / 2 - 2;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle PIVOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long POISON = 0x6b6b6b6b6b6b6b6bL; // slab POISON_FREE bytes

    final long[] pivots = new long[PIVOTS];
    final Object[] slots = new Object[SLOTS];
    volatile int end;
    volatile boolean leaf;
    /** Writer-side scratch: the maximum of the range a node being built covers. */
    long maxHint;
    /** The parent node, null for the root, this node itself once dead. */
    volatile MapleNode parent;

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
    }
}
