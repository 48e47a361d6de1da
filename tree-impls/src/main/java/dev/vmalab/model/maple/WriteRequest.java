package dev.vmalab.model.maple;

/**
 * struct ma_wr_state (lib/maple_tree.c): a store of {@link #entry} over the
 * state's [index, last], and what the walk found in the node it stopped at:
 * the range [rMin, rMax] holding index, its content, and where the store ends.
 */
final class WriteRequest {
    final WriteState mas;
    final Object entry;
    MapleNode node;
    long rMin;
    long rMax;
    long endPiv;
    int offsetEnd;
    Object content;

    WriteRequest(WriteState mas, Object entry) {
        this.mas = mas;
        this.entry = entry;
    }

    /** mas_wr_node_walk(): the offset of index in the state's node and that slot's range. */
    void nodeWalk() {
        node = mas.node;
        int count = mas.end = node.end;
        int offset = mas.offset;
        while (offset < count && mas.index > node.pivots[offset]) offset++;
        rMax = offset < count ? node.pivots[offset] : mas.max;
        rMin = safeMin(offset);
        offsetEnd = mas.offset = offset;
    }

    /** mas_safe_min(). */
    long safeMin(int offset) {
        return offset != 0 ? node.pivots[offset - 1] + 1 : mas.min;
    }

    /**
     * mas_is_span_wr(): the store reaches past this node, or writes null up to
     * the end of a node that is not the last (which must not end on null).
     */
    boolean isSpanningWrite() {
        long max = rMax;
        long last = mas.last;
        if (last < max) return false;
        if (node.leaf) {
            max = mas.max;
            if (last < max) return false;
        }
        if (last == max) {
            return entry == null && last != MapleTree.MAX;
        }
        return true;
    }

    /** mas_wr_walk(): down to the leaf for index; false when the store spans nodes. */
    boolean walk() {
        while (true) {
            nodeWalk();
            if (isSpanningWrite()) return false;
            content = node.slots[mas.offset];
            if (node.leaf) return true;
            traverse();
        }
    }

    /** mas_wr_walk_index(): down to the leaf for index, whatever the store spans. */
    void walkIndex() {
        while (true) {
            nodeWalk();
            content = node.slots[mas.offset];
            if (node.leaf) return;
            traverse();
        }
    }

    /** mas_wr_walk_traverse(). */
    private void traverse() {
        mas.max = rMax;
        mas.min = rMin;
        mas.node = (MapleNode) content;
        mas.offset = 0;
    }

    /** mas_wr_end_piv(): the slot holding last, and where it ends. */
    void findEnd() {
        while (offsetEnd < mas.end && mas.last > node.pivots[offsetEnd]) offsetEnd++;
        endPiv = offsetEnd < mas.end ? node.pivots[offsetEnd] : mas.max;
    }

    /** mas_wr_extend_null(): a null store takes in the null ranges next to it. */
    void extendNull() {
        if (node.slots[offsetEnd] == null) {
            mas.last = endPiv;
        } else if (mas.last == endPiv && mas.end != offsetEnd && node.slots[offsetEnd + 1] == null) {
            offsetEnd++;
            mas.last = offsetEnd == mas.end ? mas.max : node.pivots[offsetEnd];
            endPiv = mas.last;
        }
        if (content == null) {
            mas.index = rMin;
        } else if (mas.index == rMin && mas.offset != 0 && node.slots[mas.offset - 1] == null) {
            mas.offset--;
            rMin = mas.index = safeMin(mas.offset);
            rMax = node.pivots[mas.offset];
        }
    }

    /** mas_wr_new_end(): the node's data end after the store. */
    int newEnd() {
        int newEnd = mas.end + 2;
        newEnd -= offsetEnd - mas.offset;
        if (rMin == mas.index) newEnd--;
        if (endPiv == mas.last) newEnd--;
        return newEnd;
    }

    /**
     * mas_store_b_node(): the node's data with the store applied, into
     * {@code b}; up to {@code offsetEnd} the old slots are replaced. Leaves
     * mas.offset at the new entry and b_end at the last entry.
     */
    void storeInto(BigNode b, int offsetEnd) {
        b.leaf = node.leaf;
        int bEnd = 0;
        int slot = mas.offset;
        long piv;
        if (slot != 0) { // copy the data before the store
            b.copyFrom(mas, 0, slot - 1, 0);
            bEnd = b.bEnd;
            piv = b.pivot[bEnd - 1];
        } else {
            piv = mas.min - 1;
        }
        if (piv + 1 < mas.index) { // the range the store starts in keeps its start
            b.slot[bEnd] = content;
            b.pivot[bEnd++] = mas.index - 1;
        }
        mas.offset = bEnd;
        b.slot[bEnd] = entry;
        b.pivot[bEnd] = mas.last;
        if (mas.last >= mas.max) { // appended
            b.bEnd = bEnd;
            return;
        }
        piv = node.safePivot(offsetEnd, mas.max);
        if (piv > mas.last) { // the range the store ends in keeps its end
            if (offsetEnd != slot) content = node.slots[offsetEnd];
            b.slot[++bEnd] = content;
            b.pivot[bEnd] = piv;
        }
        slot = offsetEnd + 1;
        if (slot > mas.end) {
            b.bEnd = bEnd;
            return;
        }
        b.copyFrom(mas, slot, mas.end + 1, ++bEnd); // the data after the store
        b.bEnd--;
    }
}
