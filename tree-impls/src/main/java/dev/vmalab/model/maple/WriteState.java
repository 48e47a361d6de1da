package dev.vmalab.model.maple;

/**
 * struct ma_state as the write path uses it (lib/maple_tree.c), under the
 * writer lock: a node, its range [min, max], an offset in it and the range
 * [index, last] being written. Unlike {@link MapleState} it climbs through the
 * nodes' parent pointers (mas_ascend()), as the kernel's writers do.
 */
final class WriteState {
    MapleNode node;
    long min;
    long max = MapleTree.MAX;
    long index;
    long last;
    int offset;
    /** mas->end: the data end of {@link #node} as last read. */
    int end;
    /** ma_none: no node (an unused left/middle/right of a subtree state). */
    boolean none;

    WriteState(long index, long last) {
        this.index = index;
        this.last = last;
    }

    /** MA_STATE(name, tree, index, last) with status ma_none. */
    static WriteState none(long index, long last) {
        WriteState s = new WriteState(index, last);
        s.none = true;
        return s;
    }

    WriteState copy() {
        WriteState c = new WriteState(index, last);
        c.setFrom(this);
        return c;
    }

    /** {@code *this = *other}. */
    void setFrom(WriteState o) {
        node = o.node;
        min = o.min;
        max = o.max;
        index = o.index;
        last = o.last;
        offset = o.offset;
        end = o.end;
        none = o.none;
    }

    /** mas_start() on a tree with a root node. */
    void start(MapleNode root) {
        node = root;
        min = 0;
        max = MapleTree.MAX;
        offset = 0;
        none = false;
    }

    /** mas_node_or_none(). */
    void nodeOrNone(MapleNode n) {
        node = n;
        none = n == null;
    }

    boolean isRoot() {
        return node.isRoot();
    }

    /** mas_is_root_limits(). */
    boolean isRootLimits() {
        return min == 0 && max == MapleTree.MAX;
    }

    /** mas_data_end(). */
    int dataEnd() {
        return node.end;
    }

    /** mas_descend(): into the child at {@link #offset}. */
    void descend() {
        MapleNode n = node;
        if (offset != 0) min = n.pivots[offset - 1] + 1;
        max = n.safePivot(offset, max);
        node = n.child(offset);
    }

    /**
     * mas_ascend(): up one level through the parent pointer, finding the
     * parent's min and max from the ancestors' pivots. Returns true on a dead node.
     */
    boolean ascend() {
        MapleNode a = node;
        if (a.isRoot()) {
            offset = 0;
            return false;
        }
        MapleNode.Parent link = a.parentLink();
        MapleNode p = link.node();
        if (p == a) return true;
        offset = link.slot();
        node = p;
        if (p.isRoot()) {
            min = 0;
            max = MapleTree.MAX;
            return false;
        }
        long mn = 0;
        long mx = MapleTree.MAX;
        boolean setMin = false;
        boolean setMax = false;
        if (offset == 0) {
            mn = min;
            setMin = true;
        }
        if (max == MapleTree.MAX) setMax = true;
        MapleNode pe = p;
        do {
            MapleNode.Parent up = pe.parentLink();
            MapleNode an = up.node();
            int aSlot = up.slot();
            if (an.isDead()) return true;
            if (!setMin && aSlot != 0) {
                setMin = true;
                mn = an.pivots[aSlot - 1] + 1;
            }
            if (!setMax && aSlot < an.pivotCount()) {
                setMax = true;
                mx = an.pivots[aSlot];
            }
            if (an.isRoot()) break;
            pe = an;
        } while (!setMin || !setMax);
        min = mn;
        max = mx;
        return false;
    }

    /** mas_prev_sibling(): to the node left of this one under the same parent. */
    boolean prevSibling() {
        int pSlot = node.parentSlot();
        if (node.isRoot() || pSlot == 0) return false;
        ascend();
        offset = pSlot - 1;
        descend();
        return true;
    }

    /** mas_next_sibling(): to the node right of this one under the same parent. */
    boolean nextSibling() {
        if (node.isRoot()) return false;
        WriteState parent = copy();
        parent.ascend();
        parent.offset = node.parentSlot() + 1;
        if (parent.offset > parent.dataEnd()) return false;
        setFrom(parent);
        descend();
        return true;
    }

    /** The offset search of mas_wr_node_walk() for a plain state: sets end and offset. */
    void nodeWalk() {
        end = node.end;
        int off = offset;
        while (off < end && index > node.pivots[off]) off++;
        offset = off;
    }
}
