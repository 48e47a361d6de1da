package dev.vmalab.model.maple;

/**
 * wr_split_store (lib/maple_tree.c: mas_split() and its helpers): the data no
 * longer fits its node. Level by level upwards: push data into a sibling with
 * room if there is one (mas_push_data()), else cut the big node in two
 * (mab_calc_split()) and carry both halves up into the parent's data, until a
 * level fits one node (mas_split_final_node()), possibly a new root.
 */
final class SplitWriter {
    private final MapleTree tree;
    private final Topiary topiary;

    SplitWriter(MapleTree tree, Topiary topiary) {
        this.tree = tree;
        this.topiary = topiary;
    }

    /** mas_split(): {@code mas} is at the leaf, {@code b} holds its data with the store applied. */
    void split(WriteState mas, BigNode b) {
        WriteState l = new WriteState(mas.index, mas.last);
        WriteState r = new WriteState(mas.index, mas.last);
        WriteState prevL = new WriteState(mas.index, mas.last);
        WriteState prevR = new WriteState(mas.index, mas.last);
        int height = 0;
        int depth = tree.height(); // mas_mt_height()
        SubtreeState mast = new SubtreeState(b, prevL, prevR);
        mast.l = l;
        mast.r = r;
        while (height++ <= depth) {
            if (b.slotCount() > b.bEnd) {
                splitFinalNode(mast, mas);
                break;
            }
            l.setFrom(mas);
            r.setFrom(mas);
            l.node = tree.newNode(b.leaf);
            r.node = tree.newNode(b.leaf);
            if (pushData(mas, mast, true)) break;
            if (pushData(mas, mast, false)) break;
            BigNode.Split s = b.calcSplit();
            splitData(mast, mas, s.split());
            r.max = mas.max; // mab_mas_cp() in splitData() overwrote it
            fillBigNode(mast, mas, 1);
            prevL.setFrom(l);
            prevR.setFrom(r);
        }
        MapleNode old = mas.node;
        mas.node = l.node;
        topiary.replace(mas, old);
    }

    /** mas_split_final_node(): the level fits one node, which takes the place of mas.node (maybe as the root). */
    private void splitFinalNode(SubtreeState mast, WriteState mas) {
        if (mas.isRoot()) mast.bn.leaf = false; // a root over two nodes is maple_arange_64
        MapleNode ancestor = tree.newNode(mast.bn.leaf);
        mast.l.node.setParent(ancestor, mast.l.offset);
        mast.r.node.setParent(ancestor, mast.r.offset);
        ancestor.copyParentFrom(mas.node);
        mast.l.node = ancestor;
        mast.bn.copyTo(0, ancestor.slotCount() - 1, mast.l, true);
        mas.offset = mast.bn.bEnd - 1;
    }

    /**
     * mast_fill_bnode(): the parent's data with the two new nodes in place of
     * the old one ({@code skip} = 2 when a sibling was replaced too); mas
     * climbs to the parent.
     */
    private static void fillBigNode(SubtreeState mast, WriteState mas, int skip) {
        boolean cp = true;
        mast.bn.clear();
        if (mas.isRoot()) {
            cp = false;
        } else {
            mas.ascend();
            mas.offset = mas.node.parentSlot();
        }
        if (cp && mast.l.offset != 0) mast.bn.copyFrom(mas, 0, mast.l.offset - 1, 0);
        int split = mast.bn.bEnd;
        mast.bn.setBEnd(mast.l, mast.l.node);
        mast.r.offset = mast.bn.bEnd;
        mast.bn.setBEnd(mast.r, mast.r.node);
        if (mast.bn.pivot[mast.bn.bEnd - 1] == mas.max) cp = false;
        if (cp) mast.bn.copyFrom(mas, split + skip, mas.node.slotCount() - 1, mast.bn.bEnd);
        mast.bn.bEnd--;
        mast.bn.leaf = mas.node.leaf;
    }

    /** mast_split_data(): the big node into the new left and right nodes, cut after {@code split}. */
    private static void splitData(SubtreeState mast, WriteState mas, int split) {
        mast.bn.copyTo(0, split, mast.l, true);
        mast.bn.copyTo(split + 1, mast.bn.bEnd, mast.r, false);
        mast.l.offset = mas.node.parentSlot();
        mast.l.max = mast.bn.pivot[split];
        mast.r.min = mast.l.max + 1;
        if (mas.node.leaf) return;
        int[] pSlot = {mast.origL.offset};
        setSplitParent(mast.origL, mast.l.node, mast.r.node, pSlot, split);
        setSplitParent(mast.origR, mast.l.node, mast.r.node, pSlot, split);
    }

    /** mas_set_split_parent(). */
    private static void setSplitParent(WriteState s, MapleNode left, MapleNode right, int[] slot, int split) {
        if (s.none) return;
        if (slot[0] <= split) s.node.setParent(left, slot[0]);
        else if (right != null) s.node.setParent(right, slot[0] - split - 1);
        slot[0]++;
    }

    /**
     * mas_push_data(): if the left (or right) sibling has room, share the data
     * with it instead of splitting: two new nodes replace the node and the
     * sibling, and the split stops at this level.
     */
    private boolean pushData(WriteState mas, SubtreeState mast, boolean left) {
        int slotTotal = mast.bn.bEnd;
        WriteState tmp = mas.copy();
        if (left && !tmp.prevSibling()) return false;
        if (!left && !tmp.nextSibling()) return false;
        int end = tmp.dataEnd();
        slotTotal += end;
        int space = 2 * mas.node.slotCount() - 2; // -2 rather than -1: never a three-way split
        if (mast.bn.leaf) space--;
        if (mas.max == MapleTree.MAX) space--;
        if (slotTotal >= space) return false;

        mast.bn.bEnd++;
        if (left) {
            mast.bn.shiftRight(end + 1);
            mast.bn.copyFrom(tmp, 0, end, 0);
            mast.bn.bEnd = slotTotal + 1;
        } else {
            mast.bn.copyFrom(tmp, 0, end, mast.bn.bEnd);
        }
        int split = mast.bn.slotCount() - 2;
        if (left) {
            mas.setFrom(tmp); // the sibling is the left one now
            tmp.node = mast.l.node;
            mast.l.setFrom(tmp);
        } else {
            tmp.node = mast.r.node;
            mast.r.setFrom(tmp);
            split = slotTotal - split;
        }
        split = mast.bn.noNullSplit(split, mast.bn.slotCount());
        if (left) mast.origL.offset += end + 1;
        splitData(mast, mas, split);
        fillBigNode(mast, mas, 2);
        splitFinalNode(mast, mas);
        return true;
    }
}
