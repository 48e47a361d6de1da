package dev.vmalab.model.maple;

/**
 * wr_spanning_store and wr_rebalance (lib/maple_tree.c:
 * mas_wr_spanning_store(), mas_rebalance(), mas_spanning_rebalance()): the
 * data of one or two leaves, with the store applied, is combined with a
 * neighbour when there is too little of it, cut into up to three new nodes,
 * and carried up level by level until one node holds a level; that subtree
 * replaces the old one with one pointer store.
 */
final class RebalanceWriter {
    private final MapleTree tree;
    private final Topiary topiary;

    RebalanceWriter(MapleTree tree, Topiary topiary) {
        this.tree = tree;
        this.topiary = topiary;
    }

    /**
     * mas_wr_spanning_store(): {@code wr.mas} is at the node where the store
     * was found to span; walk to both ends, combine, rebalance. Returns false
     * when the store turned out to cover everything (the caller makes a new root).
     */
    boolean spanningStore(WriteRequest wr) {
        WriteState mas = wr.mas;
        int height = tree.height();
        // The right side: walk to the slot after last, so its data can be combined too.
        WriteState r = mas.copy();
        if (r.last != MapleTree.MAX) r.last++;
        r.index = r.last;
        WriteRequest rw = new WriteRequest(r, wr.entry);
        rw.walkIndex();
        r.last = r.index = mas.last;
        WriteState l = mas.copy();
        WriteRequest lw = new WriteRequest(l, wr.entry);
        lw.walkIndex();
        if (wr.entry == null) {
            extendSpanningNull(lw, rw);
            mas.offset = l.offset;
            mas.index = l.index;
            mas.last = l.last = r.last;
        }
        if (l.index == 0 && r.last == MapleTree.MAX) { // expanding nulls made it cover the whole range
            mas.index = 0;
            mas.last = MapleTree.MAX;
            return false;
        }
        BigNode b = new BigNode();
        lw.storeInto(b, l.end);
        if (r.max > r.last) b.copyFrom(r, r.offset, r.end, b.bEnd + 1);
        else b.bEnd++;
        l.index = l.last = mas.index; // stop spanning searches: look for index alone
        spanningRebalance(mas, new SubtreeState(b, l, r), height + 1);
        return true;
    }

    /** mas_extend_spanning_null(): a spanning null store takes in the null ranges at both ends. */
    private static void extendSpanningNull(WriteRequest lw, WriteRequest rw) {
        WriteState l = lw.mas;
        WriteState r = rw.mas;
        int lSlot = l.offset;
        if (lw.content == null) l.index = lw.rMin;
        if (l.index == lw.rMin && lSlot != 0 && lw.node.slots[lSlot - 1] == null) {
            l.index = lSlot > 1 ? lw.node.pivots[lSlot - 2] + 1 : l.min;
            l.offset = lSlot - 1;
        }
        if (rw.content == null) {
            if (r.last < rw.rMax) r.last = rw.rMax;
            r.offset++;
        }
        // The kernel's else branch (last == r_max) cannot happen: the right side was walked to last + 1.
    }

    /**
     * mas_rebalance(): the leaf has too little data; combine it with the next
     * sibling, or the previous one if there is none, and rebalance upwards.
     */
    void rebalance(WriteState mas, BigNode b) {
        int emptyCount = tree.height();
        int bEnd = ++b.bEnd;
        WriteState l = mas.copy();
        WriteState r = mas.copy();
        SubtreeState mast = new SubtreeState(b, l, r);
        b.leaf = mas.node.leaf;
        if (r.nextSibling()) {
            b.copyFrom(r, 0, r.node.slotCount(), bEnd);
            r.last = r.index = r.max;
        } else {
            l.prevSibling();
            int shift = l.dataEnd() + 1;
            b.shiftRight(shift);
            mas.offset += shift;
            b.copyFrom(l, 0, shift - 1, 0);
            b.bEnd = shift + bEnd;
            l.index = l.last = l.min;
        }
        spanningRebalance(mas, mast, emptyCount);
    }

    /**
     * mas_spanning_rebalance(): up to {@code count} levels, cut the big node
     * into new nodes, then gather the parent level's data around them; stop
     * when a level holds enough for one node, or at the root.
     */
    private void spanningRebalance(WriteState mas, SubtreeState mast, int count) {
        MapleNode left = null;
        MapleNode middle = null;
        MapleNode right = null;
        int slot = 0;
        WriteState l = WriteState.none(mas.index, mas.index);
        WriteState r = WriteState.none(mas.index, mas.last);
        WriteState m = WriteState.none(mas.index, mas.index);
        mast.l = l;
        mast.m = m;
        mast.r = r;
        // Not the root and too little data: take in a neighbour first.
        if ((mast.origL.min != 0 || mast.origR.max != MapleTree.MAX) && mast.bn.bEnd <= mast.bn.minSlots()) {
            mast.spanningRebalance();
        }
        boolean newRoot = false;
        while (count-- > 0) {
            mast.bn.bEnd--;
            mast.bn.leaf = mast.origL.node.leaf;
            // mas_mab_to_node()
            left = tree.newNode(mast.bn.leaf);
            right = null;
            middle = null;
            int split;
            int midSplit = 0;
            if (mast.bn.bEnd < mast.bn.slotCount()) {
                split = mast.bn.bEnd;
            } else {
                BigNode.Split s = mast.bn.calcSplit();
                split = s.split();
                midSplit = s.mid();
                right = tree.newNode(mast.bn.leaf);
            }
            if (midSplit != 0) middle = tree.newNode(mast.bn.leaf);
            mast.setSplitParents(left, middle, right, split, midSplit);
            mast.copyToNodes(left, middle, right, split, midSplit);

            // The next level up: its data goes into the big node for the next round.
            mast.bn.clear();
            mast.bn.leaf = left.leaf;
            if (l.isRootLimits()) { // the new left node covers everything: it is the root
                newRoot = true;
                break;
            }
            mast.ascend();
            mast.combineCopyLeft();
            l.offset = mast.bn.bEnd;
            mast.bn.setBEnd(l, left);
            mast.bn.setBEnd(m, middle);
            mast.bn.setBEnd(r, right);
            mast.combineCopyRight();
            mast.origL.last = mast.origL.max;
            if (mast.sufficient()) continue;
            if (mast.overflow()) continue;
            if (mast.origL.isRootLimits()) break; // may be a new root in the big node
            mast.spanningRebalance();
            if (count == 0) count++; // rebalancing against other nodes may need another round
        }
        if (!newRoot) {
            l.node = tree.newNode(mast.origL.node.leaf);
            mast.bn.copyTo(0, l.node.slotCount() - 1, l, true);
            left.setParent(l.node, slot);
            if (middle != null) middle.setParent(l.node, ++slot);
            if (right != null) right.setParent(l.node, ++slot);
        }
        if (newRoot || l.isRootLimits()) {
            l.node.setTreeParent(); // ma_parent_ptr(mas_tree_parent(mas))
            while (!mast.origL.isRoot()) mast.ascend();
        } else {
            l.node.copyParentFrom(mast.origL.node);
        }
        MapleNode old = mast.origL.node;
        mas.node = l.node;
        mas.min = l.min;
        mas.max = l.max;
        mas.offset = l.offset;
        topiary.replace(mas, old);
    }
}
