package dev.vmalab.model.maple;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.tree.RangeTree;
import dev.vmalab.model.tree.TreeCursor;

/**
 * struct maple_tree in RCU mode (MT_FLAGS_USE_RCU), as mm->mm_mt uses it:
 * readers walk under rcu_read_lock(), writers are serialised by an external
 * lock (the mm's mmap_lock) and never change a node a reader can see except by
 * the in-place stores of {@link MapleWriter}.
 *
 * <p>Indices are longs in [0, {@link #MAX}]: Long.MAX_VALUE stands for
 * ULONG_MAX (user addresses are far below 2^63).
 */
public final class MapleTree implements RangeTree {
    public static final long MAX = RangeTree.MAX;

    final Kernel kernel;
    final long owner;
    private volatile MapleNode root;
    private final MapleWriter writer;

    /** A tree owned by {@code owner} (an mm id, for node histories). */
    public MapleTree(Kernel kernel, long owner) {
        this.kernel = kernel;
        this.owner = owner;
        this.writer = new MapleWriter(this);
    }

    public Kernel kernel() {
        return kernel;
    }

    MapleNode root() {
        return root;
    }

    /** mas_pop_node(): a fresh node of this tree (leaf or internal), not yet visible. */
    MapleNode newNode(boolean leaf) {
        MapleNode n = kernel.nodes().allocate(owner);
        n.leaf = leaf;
        return n;
    }

    /** rcu_assign_pointer(mt->ma_root, ...). */
    void publishRoot(MapleNode node) {
        if (node != null) {
            node.setTreeParent();
        }
        root = node;
    }

    /** mtree_store_range() / mas_store_gfp(): entry over [first, last]. Caller holds the writer lock. */
    @Override
    public void store(long first, long last, Object entry) {
        if (first < 0 || last < first) throw new IllegalArgumentException("bad range [" + first + ", " + last + "]");
        writer.store(first, last, entry);
    }

    /** mtree_erase(): removes the entry at {@code index} (its whole range); returns it. Caller holds the writer lock. */
    @Override
    public Object erase(long index) {
        MapleState mas = new MapleState(this, index, index);
        Object entry = mas.walkLocked();
        if (entry != null) writer.store(mas.index(), mas.last(), null);
        return entry;
    }

    /** mtree_load(): the entry at {@code index}, under rcu_read_lock(). */
    @Override
    public Object load(long index) {
        Task t = kernel.rcu().current();
        kernel.rcu().readLock(t);
        try {
            return new MapleState(this, index, index).walk();
        } finally {
            kernel.rcu().readUnlock(t);
        }
    }

    /** Visits every non-null entry in order; writer side (no checks). */
    @Override
    public void forEach(EntryVisitor visitor) {
        MapleNode r = root;
        if (r != null) visit(r, 0, MAX, visitor);
    }

    private static void visit(MapleNode node, long min, long max, EntryVisitor visitor) {
        long lo = min;
        for (int i = 0; i <= node.end; i++) {
            long hi = node.slotMax(i, max);
            Object s = node.slots[i];
            if (node.leaf) {
                if (s != null) visitor.visit(lo, hi, s);
            } else {
                visit((MapleNode) s, lo, hi, visitor);
            }
            lo = hi + 1;
        }
    }

    @Override
    public long[] nodeShape() {
        java.util.List<Long> out = new java.util.ArrayList<>();
        MapleNode r = root;
        if (r != null) shape(r, 0, MAX, 0, out);
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static void shape(MapleNode n, long min, long max, int depth, java.util.List<Long> out) {
        out.add((long) depth << 1 | (n.leaf ? 1 : 0));
        out.add((long) n.end);
        out.add(min);
        out.add(max);
        if (n.leaf) return;
        long lo = min;
        for (int i = 0; i <= n.end; i++) {
            long hi = n.slotMax(i, max);
            shape(n.child(i), lo, hi, depth + 1, out);
            lo = hi + 1;
        }
    }

    @Override
    public TreeCursor cursor(long first, long last) {
        return new MapleState(this, first, last);
    }

    /** Height in levels (0 for an empty tree). */
    public int height() {
        int h = 0;
        for (MapleNode n = root; n != null; n = n.leaf ? null : (MapleNode) n.slots[0]) h++;
        return h;
    }

    /** Checks the structure (for tests): throws IllegalStateException with the reason. */
    @Override
    public void verify() {
        MapleNode r = root;
        if (r == null) return;
        if (!r.isRoot()) throw new IllegalStateException("root does not point at the tree");
        int[] leafDepth = {-1};
        verify(r, 0, MAX, 0, true, leafDepth, new Object[] {Boolean.FALSE});
    }

    private void verify(MapleNode n, long min, long max, int depth, boolean isRoot, int[] leafDepth, Object[] prevNull) {
        if (n.state() != dev.vmalab.model.mem.NodeState.LIVE || n.isDead()) throw new IllegalStateException("reachable node not live: " + n.describe());
        if (n.end >= n.slotCount()) throw new IllegalStateException("data end past the slots in " + n.describe());
        if (n.end < n.pivotCount() && n.pivots[n.end] != max) {
            throw new IllegalStateException("pivot[end] is not the node's max in " + n.describe());
        }
        long lo = min;
        prevNull[0] = Boolean.FALSE; // null ranges may meet across a node boundary, as in the kernel
        for (int i = 0; i <= n.end; i++) {
            long hi = n.slotMax(i, max);
            if (hi < lo) throw new IllegalStateException("pivots not increasing in " + n.describe());
            Object s = n.slots[i];
            if (n.leaf) {
                if (s == null && Boolean.TRUE.equals(prevNull[0])) throw new IllegalStateException("adjacent null ranges at " + lo);
                prevNull[0] = s == null;
            } else {
                MapleNode c = (MapleNode) s;
                if (c == null) throw new IllegalStateException("null child in " + n.describe());
                if (c.parent() != n || c.parentSlot() != i) {
                    throw new IllegalStateException("child's parent pointer is wrong in " + n.describe());
                }
                verify(c, lo, hi, depth + 1, false, leafDepth, prevNull);
            }
            lo = hi + 1;
        }
        if (lo - 1 != max) throw new IllegalStateException("node " + n.describe() + " does not end at its max");
        if (n.leaf) {
            if (leafDepth[0] < 0) leafDepth[0] = depth;
            else if (leafDepth[0] != depth) throw new IllegalStateException("leaves at different depths");
        }
    }
}
