package dev.vmalab.model.maple;

/**
 * struct maple_subtree_state and the mast_* helpers (lib/maple_tree.c): the
 * original left and right edges of the part of the tree being rebuilt, the new
 * left, middle and right nodes of the level just built, and the big node that
 * holds the next level's data.
 */
final class SubtreeState {
    final BigNode bn;
    final WriteState origL;
    final WriteState origR;
    WriteState l;
    WriteState m;
    WriteState r;

    SubtreeState(BigNode bn, WriteState origL, WriteState origR) {
        this.bn = bn;
        this.origL = origL;
        this.origR = origR;
    }

    /** mast_rebalance_next(): take in the whole right neighbour. */
    private void rebalanceNext() {
        bn.copyFrom(origR, 0, origR.node.slotCount(), bn.bEnd);
        origR.last = origR.max;
    }

    /** mast_rebalance_prev(): take in the whole left neighbour, in front. */
    private void rebalancePrev() {
        int end = origL.dataEnd() + 1;
        int bEnd = bn.bEnd;
        bn.shiftRight(end);
        bn.copyFrom(origL, 0, end - 1, 0);
        l.min = origL.min;
        origL.index = origL.min;
        bn.bEnd = end + bEnd;
        l.offset += end;
    }

    /**
     * mast_spanning_rebalance(): too little data; take in the nearest
     * neighbour at this level, looking right then left at each level upwards.
     */
    boolean spanningRebalance() {
        WriteState rTmp = origR.copy();
        WriteState lTmp = origL.copy();
        int depth = 0;
        do {
            origR.ascend();
            origL.ascend();
            depth++;
            if (origR.offset < origR.dataEnd()) {
                origR.offset++;
                do {
                    origR.descend();
                    origR.offset = 0;
                } while (--depth > 0);
                rebalanceNext();
                origL.setFrom(lTmp);
                return true;
            } else if (origL.offset != 0) {
                origL.offset--;
                do {
                    origL.descend();
                    origL.offset = origL.dataEnd();
                } while (--depth > 0);
                rebalancePrev();
                origR.setFrom(rTmp);
                return true;
            }
        } while (!origR.isRoot());
        origR.setFrom(rTmp);
        origL.setFrom(lTmp);
        return false;
    }

    /** mast_ascend(): both original edges up one level, at the offsets of the data already rebuilt. */
    void ascend() {
        origL.ascend();
        origR.ascend();
        origR.offset = 0;
        origR.index = r.max;
        if (origR.last < origR.index) origR.last = origR.index;
        origR.nodeWalk();
        origL.offset = 0;
        origL.index = l.min;
        origL.nodeWalk();
        bn.leaf = origL.node.leaf;
    }

    /** mas_set_split_parent(): the node of {@code mas} goes under left or right, by its slot. */
    private static void setSplitParent(WriteState mas, MapleNode left, MapleNode right, int[] slot, int split) {
        if (mas.none) return;
        if (slot[0] <= split) mas.node.setParent(left, slot[0]);
        else if (right != null) mas.node.setParent(right, slot[0] - split - 1);
        slot[0]++;
    }

    /**
     * mast_set_split_parents() with mte_mid_split_check(): the previous
     * level's new nodes get their new parents.
     */
    void setSplitParents(MapleNode left, MapleNode middle, MapleNode right, int split, int midSplit) {
        if (l.none) return;
        MapleNode[] lr = {left, middle != null ? middle : right};
        int[] sp = {split};
        int[] slot = {l.offset};
        midSplitCheck(lr, right, slot[0], sp, midSplit);
        setSplitParent(l, lr[0], lr[1], slot, sp[0]);
        midSplitCheck(lr, right, slot[0], sp, midSplit);
        setSplitParent(m, lr[0], lr[1], slot, sp[0]);
        midSplitCheck(lr, right, slot[0], sp, midSplit);
        setSplitParent(r, lr[0], lr[1], slot, sp[0]);
    }

    /** mte_mid_split_check(): past the middle split, the middle node becomes the left one. */
    private static void midSplitCheck(MapleNode[] lr, MapleNode right, int slot, int[] split, int midSplit) {
        if (lr[1] == right) return;
        if (slot < midSplit) return;
        lr[0] = lr[1];
        lr[1] = right;
        split[0] = midSplit;
    }

    /** mast_cp_to_nodes(): cut the big node into the new left, middle and right nodes. */
    void copyToNodes(MapleNode left, MapleNode middle, MapleNode right, int split, int midSplit) {
        boolean newLmax = true;
        l.nodeOrNone(left);
        m.nodeOrNone(middle);
        r.nodeOrNone(right);
        l.min = origL.min;
        if (split == bn.bEnd) {
            l.max = origR.max;
            newLmax = false;
        }
        bn.copyTo(0, split, l, newLmax);
        if (middle != null) {
            bn.copyTo(1 + split, midSplit, m, true);
            m.min = bn.pivot[split] + 1;
            split = midSplit;
        }
        r.max = origR.max;
        if (right != null) {
            bn.copyTo(1 + split, bn.bEnd, r, false);
            r.min = bn.pivot[split] + 1;
        }
    }

    /** mast_combine_cp_left(): the original left node's slots before the rebuilt part. */
    void combineCopyLeft() {
        int lSlot = origL.offset;
        if (lSlot == 0) return;
        bn.copyFrom(origL, 0, lSlot - 1, 0);
    }

    /** mast_combine_cp_right(): the original right node's slots after the rebuilt part. */
    void combineCopyRight() {
        if (bn.pivot[bn.bEnd - 1] >= origR.max) return;
        bn.copyFrom(origR, origR.offset + 1, origR.node.slotCount(), bn.bEnd);
        origR.last = origR.max;
    }

    /** mast_sufficient(): enough data for at least one node that need not be rebalanced. */
    boolean sufficient() {
        return bn.bEnd > origL.node.minSlots();
    }

    /** mast_overflow(): too much data for one node. */
    boolean overflow() {
        return bn.bEnd >= origL.node.slotCount();
    }
}
