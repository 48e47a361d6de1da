package dev.vmalab.model.maple;

import java.util.Arrays;

/**
 * struct maple_big_node (lib/maple_tree.c): room for the data of two full
 * nodes plus a store, where the writer assembles a level before it cuts it
 * into new nodes; with the mab_* helpers that fill it, split it and copy it out.
 * Gaps (maple_arange_64) are not kept: only allocation searches read them.
 */
final class BigNode {
    /** MAPLE_BIG_NODE_SLOTS = MAPLE_RANGE64_SLOTS * 2 + 2. */
    static final int SLOTS = MapleNode.SLOTS * 2 + 2;

    final long[] pivot = new long[SLOTS];
    final Object[] slot = new Object[SLOTS];
    /** b_end: the next free slot, or the last used one, depending on the step (as in the kernel). */
    int bEnd;
    /** b_node->type: maple_leaf_64, else maple_arange_64. */
    boolean leaf;

    /** Where mab_calc_split() cuts: after {@code split}, and after {@code mid} too when it is not 0. */
    record Split(int split, int mid) {}

    /** memset(b_node, 0, ...). */
    void clear() {
        Arrays.fill(pivot, 0);
        Arrays.fill(slot, null);
        bEnd = 0;
    }

    int slotCount() {
        return leaf ? MapleNode.SLOTS : MapleNode.INTERNAL_SLOTS;
    }

    int minSlots() {
        return leaf ? MapleNode.SLOTS / 2 - 2 : MapleNode.INTERNAL_SLOTS / 2 - 1;
    }

    /** mab_shift_right(): moves the first b_end entries right by {@code shift}. */
    void shiftRight(int shift) {
        System.arraycopy(pivot, 0, pivot, shift, bEnd);
        System.arraycopy(slot, 0, slot, shift, bEnd);
    }

    /** mab_middle_node(): the data needs three nodes. */
    private boolean middleNode(int split, int slotCount) {
        int size = bEnd;
        if (size >= 2 * slotCount) return true;
        return slot[split] == null && size >= 2 * slotCount - 1;
    }

    /** mab_no_null_split(): a node must not end on a null entry, so move the split off one. */
    int noNullSplit(int split, int slotCount) {
        if (slot[split] == null) {
            if (split < slotCount - 1 && bEnd - split > minSlots()) split++;
            else split--;
        }
        return split;
    }

    /** mab_calc_split() as in 6.12: half and half, or thirds when two nodes cannot hold it, never ending on null. */
    Split calcSplit() {
        int split = bEnd / 2;
        int slotCount = slotCount();
        int mid = 0;
        if (middleNode(split, slotCount)) {
            split = bEnd / 3;
            mid = split * 2;
        }
        split = noNullSplit(split, slotCount);
        if (mid != 0) mid = noNullSplit(mid, slotCount);
        return new Split(split, mid);
    }

    /**
     * mas_mab_cp(): copies slots {@code masStart..masEnd} of the state's node
     * to {@code mabStart}, stopping at the node's end; sets b_end past the copy.
     */
    void copyFrom(WriteState mas, int masStart, int masEnd, int mabStart) {
        MapleNode node = mas.node;
        long[] pivots = node.pivots;
        int i = masStart;
        int j = mabStart;
        boolean complete = false;
        if (i == 0) {
            pivot[j] = pivots[i++];
            if (i > masEnd) complete = true;
            else j++;
        }
        if (!complete) {
            int pivEnd = Math.min(masEnd, node.pivotCount());
            for (; i < pivEnd; i++, j++) {
                pivot[j] = pivots[i];
                if (pivot[j] == 0) break;
                if (mas.max == pivot[j]) {
                    complete = true;
                    break;
                }
            }
            if (!complete && i <= masEnd) pivot[j] = node.safePivot(i, mas.max);
        }
        bEnd = ++j;
        System.arraycopy(node.slots, masStart, slot, mabStart, j - mabStart);
    }

    /**
     * mab_mas_cp(): copies entries {@code mabStart..mabEnd} into the state's
     * (new) node, stopping at a zero pivot; with {@code newMax} the state's max
     * becomes the last pivot copied.
     */
    void copyTo(int mabStart, int mabEnd, WriteState mas, boolean newMax) {
        MapleNode node = mas.node;
        int pivotCount = node.pivotCount();
        if (mabEnd - mabStart > pivotCount) mabEnd--;
        int i = mabStart;
        int j = 0;
        do {
            // pivots[pivotCount] would be slot 0 in the kernel's layout, which the slot copy overwrites.
            if (j < pivotCount) node.pivots[j] = pivot[i];
            j++;
            i++;
        } while (i <= mabEnd && pivot[i] != 0);
        System.arraycopy(slot, mabStart, node.slots, 0, i - mabStart);
        if (newMax) mas.max = pivot[i - 1];
        node.end = j - 1;
    }

    /** mab_set_b_end(): appends a child node ending at the state's max; nothing for null. */
    void setBEnd(WriteState mas, MapleNode entry) {
        if (entry == null) return;
        slot[bEnd] = entry;
        pivot[bEnd++] = mas.max;
    }
}
