package dev.vmalab.model.maple;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.sched.YieldPoint;
import dev.vmalab.model.tree.TreeCursor;

/**
 * struct ma_state (include/linux/maple_tree.h) and the read operations on it
 * (lib/maple_tree.c). Lives on one thread's stack, like MA_STATE().
 *
 * <p>{@code node} is a pointer into the tree read in some RCU read section;
 * the state does not know which. Reading it in a later section, after the
 * node was freed, is the bug this lab studies: every node read goes through
 * the KASAN-like checks with the generation the pointer was read at.
 *
 * <p>Simplification: the kernel climbs to parents through each node's parent
 * pointer (mas_ascend); this state remembers the path it walked down and
 * climbs that, with the same dead-node checks.
 */
public final class MapleState implements TreeCursor {
    /** Levels a walk can record: 16^12 entries is far beyond any address space (the kernel allows 31). */
    private static final int MAX_HEIGHT = 12;

    private final MapleTree tree;
    private final Kernel kernel;
    private final Task task;
    long index;
    long last;
    MapleNode node;
    private long nodeGen;
    long min;
    long max;
    MapleStatus status = MapleStatus.START;
    int depth;
    int offset;
    int end;
    // The path from the root to node: per level the node, its generation when read, its range, the offset taken.
    private final MapleNode[] pathNode = new MapleNode[MAX_HEIGHT];
    private final long[] pathGen = new long[MAX_HEIGHT];
    private final long[] pathMax = new long[MAX_HEIGHT];
    private final int[] pathOff = new int[MAX_HEIGHT];

    /** MA_STATE(name, mt, first, end). */
    public MapleState(MapleTree tree, long first, long end) {
        this.tree = tree;
        this.kernel = tree.kernel;
        this.task = kernel.rcu().current();
        this.index = first;
        this.last = end;
    }

    public MapleTree tree() {
        return tree;
    }

    @Override
    public long index() {
        return index;
    }

    @Override
    public long last() {
        return last;
    }

    @Override
    public MapleStatus status() {
        return status;
    }

    public int offset() {
        return offset;
    }

    public int depth() {
        return depth;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    /** The cached node's address (slab object), or 0 when none: for tests and reports. */
    public int nodeAddress() {
        return node == null ? 0 : node.address();
    }

    /** mas_reset(): the next walk starts from the root. Leaves index and last alone. */
    @Override
    public void reset() {
        status = MapleStatus.START;
        node = null;
    }

    /** mas_set(): reset and look at {@code i} next. */
    @Override
    public void set(long i) {
        setRange(i, i);
    }

    /** mas_set_range(). */
    @Override
    public void setRange(long first, long end) {
        index = first;
        last = end;
        reset();
    }

    /** mas_pause(): the caller is dropping its lock; the next find continues after {@code last}. */
    @Override
    public void pause() {
        status = MapleStatus.PAUSE;
        node = null;
    }

    /**
     * mas_walk(): the entry at {@code index}; sets index/last to its range.
     * RESUME_ACTIVE: an active state resumes at its cached node.
     */
    @Override
    public Object walk() {
        if (kernel.walkSemantics() == WalkSemantics.ALWAYS_RESTART
                || (status != MapleStatus.ACTIVE && status != MapleStatus.START)) {
            status = MapleStatus.START;
        }
        while (true) {
            Object entry = stateWalk();
            if (status == MapleStatus.START) continue; // met a dead node: walk again from the root
            if (status == MapleStatus.NONE) {
                index = 0;
                last = MapleTree.MAX;
            }
            return entry;
        }
    }

    /** A walk by a writer (holds the lock): same code; the checks accept mmap_lock. */
    Object walkLocked() {
        return walk();
    }

    /** mas_state_walk(): mas_start() then mtree_range_walk(). */
    private Object stateWalk() {
        if (status == MapleStatus.START) {
            start();
            if (status == MapleStatus.NONE) return null;
        }
        return rangeWalk();
    }

    /** mas_start() for a start state: take the root. */
    private void start() {
        min = 0;
        max = MapleTree.MAX;
        while (true) {
            MapleNode root = tree.root();
            if (root == null) {
                status = MapleStatus.NONE;
                offset = 0;
                node = null;
                return;
            }
            depth = 0;
            status = MapleStatus.ACTIVE;
            node = root;
            nodeGen = root.generation();
            offset = 0;
            if (!root.isDead()) return;
        }
    }

    /**
     * mtree_range_walk(): from {@code node} with the cached min/max down to a
     * leaf. Reads a node's pivots and slot before checking that it is dead.
     */
    private Object rangeWalk() {
        MapleNode next = node;
        long nextGen = nodeGen;
        long mn = min;
        long mx = max;
        int level = depth;
        while (true) {
            MapleNode cur = next;
            long curGen = nextGen;
            boolean clean = NodeChecks.beforeRead(kernel, task, cur, curGen);
            kernel.scheduling().yieldAt(YieldPoint.WALK_NODE);
            int curEnd = cur.end;
            long prevMin = mn;
            long prevMax = mx;
            int off;
            if (curEnd == 0) { // one slot: it ends at the node's max, no pivot is set
                off = 0;
            } else if (cur.pivot(0) >= index) {
                off = 0;
                mx = cur.pivot(0);
            } else {
                off = 1;
                while (off < curEnd) {
                    long p = cur.pivot(off);
                    if (p >= index) {
                        mx = p;
                        break;
                    }
                    off++;
                }
                mn = cur.pivot(off - 1) + 1;
            }
            Object slot = cur.slot(off);
            if (cur.isDead()) {
                reset();
                return null;
            }
            if (clean) NodeChecks.afterRead(kernel, task, cur, curGen); // freed and reused while we read it?
            if (level < MAX_HEIGHT) {
                pathNode[level] = cur;
                pathGen[level] = curGen;
                pathMax[level] = prevMax;
                pathOff[level] = off;
            }
            if (cur.leaf || !(slot instanceof MapleNode child)) {
                end = curEnd;
                offset = off;
                index = mn;
                last = mx;
                min = prevMin;
                max = prevMax;
                node = cur;
                nodeGen = curGen;
                depth = level;
                return slot;
            }
            next = child;
            nextGen = child.generation();
            level++;
        }
    }

    /**
     * mas_find(): the first entry at or after {@code index} up to {@code limit};
     * from an active state, the next one after the current.
     */
    @Override
    public Object find(long limit) {
        switch (status) {
            case ACTIVE -> {
                if (last >= limit) return null;
            }
            case START -> { }
            case PAUSE -> {
                if (last >= limit) return null;
                index = ++last;
                status = MapleStatus.START;
            }
            case NONE -> {
                if (last >= limit) return null;
                index = last;
                status = MapleStatus.START;
            }
            case OVERFLOW -> {
                if (last >= limit) return null;
                status = MapleStatus.ACTIVE;
                Object e = walk();
                if (e != null) return e;
            }
            case UNDERFLOW -> {
                if (index > limit) {
                    status = MapleStatus.OVERFLOW;
                    return null;
                }
                status = MapleStatus.ACTIVE;
                Object e = walk();
                if (e != null) return e;
            }
            case ROOT, ERROR -> {
                return null;
            }
        }
        if (status == MapleStatus.START) {
            if (index > limit) return null;
            Object e = walk();
            if (e != null) return e;
            if (status == MapleStatus.NONE) return null;
            if (index == limit) return null;
        }
        Object entry = nextSlot(limit);
        status = MapleStatus.ACTIVE; // mas_find(): "Ignore overflow"
        return entry;
    }

    /**
     * mas_next_slot(mas, max, empty = false): the next non-null entry, climbing
     * to the next node when needed. When the next range would start above the
     * limit the state stays where it is (overflow).
     */
    private Object nextSlot(long limit) {
        long savePoint = last;
        while (true) {
            if (node == null) return null;
            NodeChecks.beforeRead(kernel, task, node, nodeGen);
            kernel.scheduling().yieldAt(YieldPoint.WALK_NODE);
            if (node.isDead()) {
                rewalk(savePoint);
                continue;
            }
            if (max >= limit) { // this node reaches the limit: is there anything after the current range below it?
                if (offset >= node.end || node.pivot(offset) >= limit) {
                    if (node.isDead()) {
                        rewalk(savePoint);
                        continue;
                    }
                    status = MapleStatus.OVERFLOW;
                    return null;
                }
            }
            if (offset < node.end) {
                offset++;
                index = node.pivot(offset - 1) + 1;
                last = offset < node.end ? node.pivot(offset) : max;
            } else if (!nextNode()) {
                status = MapleStatus.OVERFLOW;
                return null;
            } else if (node == null) {
                rewalk(savePoint);
                continue;
            }
            if (index > limit) {
                status = MapleStatus.OVERFLOW;
                return null;
            }
            Object entry = node.slot(offset);
            if (node.isDead()) {
                rewalk(savePoint);
                continue;
            }
            if (entry != null) return entry;
            if (last >= limit) {
                status = MapleStatus.OVERFLOW;
                return null;
            }
        }
    }

    /** mas_rewalk(): the state met a dead node; walk again to the save point. */
    private void rewalk(long savePoint) {
        set(savePoint);
        stateWalk();
        if (status == MapleStatus.START) rewalk(savePoint);
    }

    /**
     * mas_next_node(): move to the first slot of the next leaf. Returns false
     * at the end of the tree; leaves node null when it met a dead node.
     */
    private boolean nextNode() {
        int level = depth;
        while (true) {
            if (level == 0) return false;
            level--;
            MapleNode parent = pathNode[level];
            NodeChecks.beforeRead(kernel, task, parent, pathGen[level]);
            if (parent.isDead()) {
                node = null;
                return true;
            }
            if (pathOff[level] < parent.end) break;
        }
        // Step right at this level, then down the leftmost edge.
        MapleNode parent = pathNode[level];
        int off = ++pathOff[level];
        long mn = parent.pivot(off - 1) + 1;
        long mx = parent.slotMax(off, pathMax[level]);
        Object child = parent.slot(off);
        while (true) {
            level++;
            MapleNode n = (MapleNode) child;
            long gen = n.generation();
            NodeChecks.beforeRead(kernel, task, n, gen);
            pathNode[level] = n;
            pathGen[level] = gen;
            pathMax[level] = mx;
            pathOff[level] = 0;
            if (n.isDead()) {
                node = null;
                return true;
            }
            if (n.leaf) {
                node = n;
                nodeGen = gen;
                depth = level;
                min = mn;
                max = mx;
                end = n.end;
                offset = 0;
                index = mn;
                last = n.slotMax(0, mx);
                return true;
            }
            mx = n.slotMax(0, mx);
            child = n.slot(0);
        }
    }
}
