package dev.vmalab.model.maple;

import dev.vmalab.model.sched.YieldPoint;

/**
 * The write side of the maple tree in RCU mode, ported from lib/maple_tree.c
 * (Linux 6.12): mas_wr_store_type() picks how a store is done, and the store
 * paths build the same nodes the kernel builds. What matters for readers is
 * which stores change a visible node in place and which publish new nodes and
 * free the old ones through RCU:
 * <ul>
 * <li>wr_exact_fit: the slot is overwritten in place (no node freed);</li>
 * <li>wr_slot_store: in RCU mode only when the data end is unchanged and the
 *     store spans exactly two slots: one pivot and one slot change in place;</li>
 * <li>wr_node_store: a new copy of the leaf replaces it;</li>
 * <li>wr_split_store ({@link SplitWriter}), wr_rebalance and
 *     wr_spanning_store ({@link RebalanceWriter}), wr_new_root: new nodes are
 *     built, published with one pointer store, the old ones are marked dead and
 *     freed with call_rcu ({@link Topiary}).</li>
 * </ul>
 * wr_append is never used in RCU mode. Simplifications: no gaps are tracked
 * (maple_arange_64 gaps serve only allocation searches), nodes come from the
 * allocator one at a time rather than preallocated, and a single entry at 0 is
 * kept in a leaf rather than in ma_root itself (see KnownDivergence).
 */
final class MapleWriter {
    private final MapleTree tree;
    private final Topiary topiary;
    private final SplitWriter splits;
    private final RebalanceWriter rebalances;

    MapleWriter(MapleTree tree) {
        this.tree = tree;
        this.topiary = new Topiary(tree);
        this.splits = new SplitWriter(tree, topiary);
        this.rebalances = new RebalanceWriter(tree, topiary);
    }

    /** mas_store_gfp() of entry over [first, last]: mas_wr_store_type(), then mas_wr_store_entry(). */
    void store(long first, long last, Object entry) {
        WriteState mas = new WriteState(first, last);
        MapleNode root = tree.root();
        if (root == null) { // wr_store_root
            storeRoot(mas, entry);
            return;
        }
        mas.start(root);
        WriteRequest wr = new WriteRequest(mas, entry);
        if (!wr.walk()) { // wr_spanning_store
            if (mas.index == 0 && mas.last == MapleTree.MAX) newRoot(mas, entry);
            else if (!rebalances.spanningStore(wr)) newRoot(mas, entry);
            return;
        }
        wr.findEnd();
        if (entry == null) wr.extendNull();
        int newEnd = wr.newEnd();
        MapleNode node = wr.node;
        if (wr.rMin == mas.index && wr.rMax == mas.last) { // wr_exact_fit
            node.publishSlot(mas.offset, entry);
            tree.kernel.scheduling().yieldAt(YieldPoint.WRITER_STEP);
            return;
        }
        if (mas.index == 0 && mas.last == MapleTree.MAX) { // wr_new_root
            newRoot(mas, entry);
            return;
        }
        if (newEnd < node.minSlots()) { // a node collapsing: rebalance, or a plain node store at the root
            if (!node.isRoot()) bigNodeStore(wr, true);
            else nodeStore(wr, newEnd);
            return;
        }
        if (newEnd >= node.slotCount()) { // wr_split_store
            bigNodeStore(wr, false);
            return;
        }
        if (newEnd == mas.end && wr.offsetEnd - mas.offset == 1) { // wr_slot_store
            slotStore(wr);
            return;
        }
        nodeStore(wr, newEnd); // the root, or enough data left
    }

    /** mas_store_root() on an empty tree: mas_root_expand() for a non-null entry. */
    private void storeRoot(WriteState mas, Object entry) {
        if (entry == null) return;
        // mas_root_expand(); a single entry at 0 would go in ma_root itself (KnownDivergence).
        MapleNode node = tree.newNode(true);
        int slot = 0;
        if (mas.index != 0) node.pivots[slot++] = mas.index - 1;
        node.slots[slot] = entry;
        node.pivots[slot] = mas.last;
        if (mas.last != MapleTree.MAX) node.pivots[++slot] = MapleTree.MAX;
        node.end = slot;
        node.setTreeParent();
        tree.publishRoot(node);
        tree.kernel.scheduling().yieldAt(YieldPoint.WRITER_STEP);
    }

    /** mas_new_root(): one leaf with the entry over [0, MAX], or an empty tree for null; the old tree goes. */
    private void newRoot(WriteState mas, Object entry) {
        MapleNode old = tree.root();
        MapleNode fresh = null;
        if (entry != null || mas.index != 0 || mas.last != MapleTree.MAX) {
            fresh = tree.newNode(true);
            fresh.slots[0] = entry;
            fresh.pivots[0] = mas.last;
            fresh.setTreeParent();
        }
        topiary.replaceRoot(fresh, old);
    }

    /** mas_wr_slot_store() for offset_end - offset == 1: move one boundary, in place. */
    private void slotStore(WriteRequest wr) {
        WriteState mas = wr.mas;
        MapleNode leaf = wr.node;
        int off = mas.offset;
        if (mas.index == wr.rMin) { // overwriting the range and a part of the next one
            leaf.publishSlot(off, wr.entry);
            leaf.publishPivot(off, mas.last);
        } else { // overwriting a part of the range and the next one
            leaf.publishSlot(off + 1, wr.entry);
            leaf.publishPivot(off, mas.index - 1);
        }
        tree.kernel.scheduling().yieldAt(YieldPoint.WRITER_STEP);
    }

    /** mas_wr_node_store() in RCU mode: a new copy of the leaf with the store applied replaces it. */
    private void nodeStore(WriteRequest wr, int newEnd) {
        WriteState mas = wr.mas;
        MapleNode old = wr.node;
        int offsetEnd = wr.offsetEnd;
        int nodePivots = old.pivotCount();
        if (mas.last == wr.endPiv) offsetEnd++; // don't copy this offset
        MapleNode fresh = tree.newNode(old.leaf);
        fresh.copyParentFrom(old);
        int dst = mas.offset;
        System.arraycopy(old.pivots, 0, fresh.pivots, 0, dst);
        System.arraycopy(old.slots, 0, fresh.slots, 0, dst);
        if (wr.rMin < mas.index) { // the range the store starts in keeps its start
            fresh.slots[dst] = wr.content;
            fresh.pivots[dst++] = mas.index - 1;
        }
        if (dst < nodePivots) fresh.pivots[dst] = mas.last;
        fresh.slots[dst] = wr.entry;
        if (offsetEnd <= mas.end) { // copy the rest of the node
            int copySize = mas.end - offsetEnd + 1;
            System.arraycopy(old.slots, offsetEnd, fresh.slots, dst + 1, copySize);
            System.arraycopy(old.pivots, offsetEnd, fresh.pivots, dst + 1, copySize - 1);
            if (newEnd < nodePivots) fresh.pivots[newEnd] = mas.max;
        }
        fresh.end = newEnd;
        topiary.replaceNode(fresh, old);
    }

    /** mas_wr_bnode(): the store into a big node, then mas_rebalance() or mas_split(). */
    private void bigNodeStore(WriteRequest wr, boolean rebalance) {
        BigNode b = new BigNode();
        wr.storeInto(b, wr.offsetEnd);
        if (rebalance) rebalances.rebalance(wr.mas, b);
        else splits.split(wr.mas, b);
    }
}
