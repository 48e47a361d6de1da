package dev.vmalab.model.maple;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.rcu.RcuStamp;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.sched.YieldPoint;
import dev.vmalab.model.tree.TreeCursor;

/**
 * struct ma_state (include/linux/maple_tree.h) and the read operations on it
 * (lib/maple_tree.c). Lives on one thread's stack, like MA_STATE().
 *
 * <p>{@code node} is a pointer into the tree read in some RCU read section.
 * Reading it in a later section, after the node was freed, is the bug this lab
 * studies: every node read goes through the KASAN-like checks with the
 * generation the pointer was read at, and every use of the cached node checks
 * the RCU section it was read in ({@link RcuStamp}: STALE_RCU_SECTION on any
 * later section, freed or not). A pointer read under mmap_lock is bound to no section.
 *
 * <p>Like the kernel, it climbs to the next leaf through the nodes' parent
 * pointers (mas_ascend()), which writers re-point when they adopt a node
 * into a new parent.
 */
public final class MapleState implements TreeCursor {
    private final MapleTree tree;
    private final Kernel kernel;
    private final Task task;
    long index;
    long last;
    MapleNode node;
    private long nodeGen;
    /** The RCU read section {@code node} was read in (0: under mmap_lock), and the grace-period cookie then. */
    private long nodeSection;
    private long nodeCookie;
    long min;
    long max;
    MapleStatus status = MapleStatus.START;
    int depth;
    int offset;
    int end;

    /** MA_STATE(name, mt, first, end). */
    public MapleState(MapleTree tree, long first, long end) {
        this.tree = tree;
        this.kernel = tree.kernel;
        this.task = kernel.rcu().current();
        this.index = first;
        this.last = end;
    }

    /** {@code struct ma_state copy = *mas}: every field, the cached node and its stamp too. */
    private MapleState(MapleState o) {
        this.tree = o.tree;
        this.kernel = o.kernel;
        this.task = kernel.rcu().current();
        this.index = o.index;
        this.last = o.last;
        this.node = o.node;
        this.nodeGen = o.nodeGen;
        this.nodeSection = o.nodeSection;
        this.nodeCookie = o.nodeCookie;
        this.min = o.min;
        this.max = o.max;
        this.status = o.status;
        this.depth = o.depth;
        this.offset = o.offset;
        this.end = o.end;
    }

    @Override
    public MapleState copy() {
        return new MapleState(this);
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

    /** Caches {@code n} (read at generation {@code gen}) as the state's node, stamped with this RCU section. */
    private void cache(MapleNode n, long gen) {
        node = n;
        nodeGen = gen;
        nodeSection = RcuStamp.section(task);
        nodeCookie = kernel.rcu().getStateSynchronizeRcu();
    }

    /**
     * The state is about to dereference its cached node: read in another RCU section, that is
     * STALE_RCU_SECTION. Reported once per stale pointer (the use re-stamps it).
     */
    private void checkCachedNode() {
        if (node != null && NodeChecks.sectionCheck(kernel, task, node, nodeSection, nodeCookie)) {
            nodeSection = RcuStamp.section(task);
        }
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
            cache(root, root.generation());
            offset = 0;
            if (!root.isDead()) return;
        }
    }

    /**
     * mtree_range_walk(): from {@code node} with the cached min/max down to a
     * leaf. Reads a node's pivots and slot before checking that it is dead.
     */
    private Object rangeWalk() {
        checkCachedNode();
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
            if (curEnd == 0) { // one slot: it ends at the node's max (which pivot[0] holds too)
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
            if (cur.leaf || !(slot instanceof MapleNode child)) {
                end = curEnd;
                offset = off;
                index = mn;
                last = mx;
                min = prevMin;
                max = prevMax;
                cache(cur, curGen);
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
     * to the next leaf when needed. When the next range would start above the
     * limit the state stays where it is (overflow).
     */
    private Object nextSlot(long limit) {
        long savePoint = last;
        while (true) {
            if (node == null) return null;
            checkCachedNode();
            MapleNode leaf = node;
            NodeChecks.beforeRead(kernel, task, leaf, nodeGen);
            kernel.scheduling().yieldAt(YieldPoint.WALK_NODE);
            if (leaf.isDead()) { // mas_rewalk_if_dead()
                rewalk(savePoint);
                continue;
            }
            if (max >= limit) { // this leaf reaches the limit: does the current range already?
                long pivot = offset < end ? leaf.pivot(offset) : max;
                if (leaf.isDead()) {
                    rewalk(savePoint);
                    continue;
                }
                if (pivot >= limit) {
                    status = MapleStatus.OVERFLOW;
                    return null;
                }
            }
            if (offset < end) {
                index = leaf.pivot(offset) + 1;
                offset++;
                last = offset < end ? leaf.pivot(offset) : max;
            } else {
                if (last >= limit) {
                    status = MapleStatus.OVERFLOW;
                    return null;
                }
                if (nextNode(leaf, limit)) { // met a dead node
                    rewalk(savePoint);
                    continue;
                }
                if (status == MapleStatus.OVERFLOW) return null; // WARN_ON_ONCE in the kernel
                offset = 0;
                index = min;
                NodeChecks.beforeRead(kernel, task, node, nodeGen);
                last = node.pivot(0);
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
     * mas_next_node(): from the end of leaf {@code from}, up through the parent
     * pointers to the first ancestor with a slot to the right, then down its
     * leftmost edge to the next leaf. Returns true when it met a dead node
     * (the caller rewalks); sets OVERFLOW at the end of the tree or past the limit.
     */
    private boolean nextNode(MapleNode from, long limit) {
        MapleNode n = from;
        if (max >= limit) return overflow(n);
        long mn = max + 1;
        int level = 0;
        int nodeEnd;
        do {
            if (n.isRoot()) return overflow(n);
            if (ascend()) return true;
            level++;
            n = node;
            NodeChecks.beforeRead(kernel, task, n, nodeGen);
            nodeEnd = n.end;
            if (n.isDead()) return true;
        } while (offset == nodeEnd);
        offset++;
        Object next = n.slot(offset);
        if (n.isDead()) return true;
        if (level > 1) offset = 0;
        while (level > 1) { // down the leftmost edge to the level above the leaves
            level--;
            if (!(next instanceof MapleNode child)) return true; // memory reused under us (reported): rewalk
            n = child;
            long gen = n.generation();
            NodeChecks.beforeRead(kernel, task, n, gen);
            cache(n, gen);
            next = n.slot(0);
            if (n.isDead()) return true;
        }
        max = offset >= n.pivotCount() ? max : n.pivot(offset); // mas_safe_pivot() of the leaf's parent
        if (!(next instanceof MapleNode leaf)) return true;
        long leafGen = leaf.generation();
        NodeChecks.beforeRead(kernel, task, leaf, leafGen);
        end = leaf.end;
        if (n.isDead()) return true;
        cache(leaf, leafGen);
        min = mn;
        return false;
    }

    /** The overflow label of mas_next_node(). */
    private boolean overflow(MapleNode n) {
        if (n.isDead()) return true;
        status = MapleStatus.OVERFLOW;
        return false;
    }

    /**
     * mas_ascend() on the read side: to the parent through the node's parent
     * pointer, with its min and max from the ancestors' pivots. Every node it
     * reads goes through the KASAN-like checks. Returns true on a dead node.
     */
    private boolean ascend() {
        MapleNode a = node;
        MapleNode.Parent link = a.parentLink();
        if (link == null) return true; // memory reused under us (reported): rewalk
        if (link.node() == null) { // the root
            offset = 0;
            return false;
        }
        MapleNode p = link.node();
        if (p == a) return true;
        offset = link.slot();
        if (a.parentLink().node() != p) return true; // "all parent information is still accurate"
        cache(p, p.generation());
        NodeChecks.beforeRead(kernel, task, p, nodeGen);
        if (p.isRoot()) {
            max = MapleTree.MAX;
            min = 0;
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
            if (up == null || up.node() == null || up.node() == pe) return true; // changed under us: rewalk
            MapleNode an = up.node();
            int aSlot = up.slot();
            NodeChecks.beforeRead(kernel, task, an, an.generation());
            if (an.isDead()) return true;
            if (!setMin && aSlot != 0) {
                setMin = true;
                mn = an.pivot(aSlot - 1) + 1;
            }
            if (!setMax && aSlot < an.pivotCount()) {
                setMax = true;
                mx = an.pivot(aSlot);
            }
            if (an.isRoot()) break;
            pe = an;
        } while (!setMin || !setMax);
        max = mx;
        min = mn;
        return false;
    }

    /**
     * mte_dead_node(mas->node) (lib/maple_tree.c): reads the cached node's parent pointer, so it
     * is a dereference like any other: checked for its RCU section and by the KASAN-like checks
     * (a dead test on a freed node is itself a use-after-free). False when no node is cached
     * (the kernel would dereference NULL).
     */
    @Override
    public boolean deadNode() {
        if (node == null) return false;
        checkCachedNode();
        NodeChecks.beforeRead(kernel, task, node, nodeGen);
        kernel.scheduling().yieldAt(YieldPoint.WALK_NODE);
        return node.isDead();
    }

    /** mas_next() = mas_next_setup() then mas_next_slot(mas, max, false) (lib/maple_tree.c, 6.12). */
    @Override
    public Object next(long limit) {
        if (last >= limit) {
            status = MapleStatus.OVERFLOW;
            return null;
        }
        switch (status) {
            case ACTIVE -> {
                return nextSlot(limit);
            }
            case NONE, PAUSE, START -> {
                status = MapleStatus.START;
                walk(); // retries on dead nodes handled by mas_walk
            }
            case OVERFLOW -> status = MapleStatus.ACTIVE; // overflowed before, but the max changed
            case UNDERFLOW -> { // the user expects the state to be one before where it is
                status = MapleStatus.ACTIVE;
                Object e = walk();
                if (e != null) return e;
            }
            case ROOT -> { }
            case ERROR -> {
                return null;
            }
        }
        // mas_is_ptr(): the model's root is always a node (MapleStatus.ROOT is never produced)
        if (status == MapleStatus.NONE || status == MapleStatus.ROOT) return null;
        return nextSlot(limit);
    }

    /** mas_prev() = mas_prev_setup() then mas_prev_slot(mas, min, false) (lib/maple_tree.c, 6.12). */
    @Override
    public Object prev(long lowest) {
        if (index <= lowest) {
            status = MapleStatus.UNDERFLOW;
            return null;
        }
        switch (status) {
            case ACTIVE -> {
                return prevSlot(lowest);
            }
            case START -> { }
            case NONE, PAUSE -> status = MapleStatus.START;
            case UNDERFLOW -> status = MapleStatus.ACTIVE; // underflowed before but the min changed
            case OVERFLOW -> { // the user expects the state to be one after where it is
                status = MapleStatus.ACTIVE;
                Object e = walk();
                if (e != null) return e;
            }
            case ROOT -> { }
            case ERROR -> {
                return null;
            }
        }
        if (status == MapleStatus.START) walk();
        // mas_is_ptr() / "walked to out-of-range pointer": the model's root is always a node
        if (status == MapleStatus.NONE || status == MapleStatus.ROOT) return null;
        return prevSlot(lowest);
    }

    /** mas_safe_min(): the first index of slot {@code off} of the cached leaf. */
    private long safeMin(MapleNode leaf, int off) {
        return off > 0 ? leaf.pivot(off - 1) + 1 : min;
    }

    /** mas_prev_slot(mas, min, empty = false): the previous non-null entry, down to {@code lowest}. */
    private Object prevSlot(long lowest) {
        long savePoint = index;
        retry:
        while (true) {
            if (node == null) return null;
            checkCachedNode();
            MapleNode leaf = node;
            NodeChecks.beforeRead(kernel, task, leaf, nodeGen);
            kernel.scheduling().yieldAt(YieldPoint.WALK_NODE);
            if (leaf.isDead()) { // mas_rewalk_if_dead()
                rewalk(savePoint);
                continue;
            }
            if (min <= lowest) {
                long pivot = safeMin(leaf, offset);
                if (leaf.isDead()) {
                    rewalk(savePoint);
                    continue;
                }
                if (pivot <= lowest) {
                    status = MapleStatus.UNDERFLOW;
                    return null;
                }
            }
            while (true) { // again:
                if (offset > 0) {
                    offset--;
                    last = index - 1;
                    index = safeMin(leaf, offset);
                } else {
                    if (index <= lowest) {
                        status = MapleStatus.UNDERFLOW;
                        return null;
                    }
                    if (prevNode(lowest)) {
                        rewalk(savePoint);
                        continue retry;
                    }
                    if (status == MapleStatus.UNDERFLOW) return null; // WARN_ON_ONCE in the kernel
                    last = max;
                    leaf = node;
                    NodeChecks.beforeRead(kernel, task, leaf, nodeGen);
                    index = safeMin(leaf, offset);
                }
                Object entry = leaf.slot(offset);
                if (leaf.isDead()) {
                    rewalk(savePoint);
                    continue retry;
                }
                if (entry != null) return entry;
                if (index <= lowest) {
                    status = MapleStatus.UNDERFLOW;
                    return null;
                }
            }
        }
    }

    /**
     * mas_prev_node(): from the start of the cached leaf, up through the parent pointers to the
     * first ancestor with a slot to the left, then down its rightmost edge to the previous leaf.
     * Returns true when it met a dead node (the caller rewalks); sets UNDERFLOW below {@code lowest}.
     */
    private boolean prevNode(long lowest) {
        MapleNode n = node;
        if (min == 0) return underflow(n);
        long mx = min - 1;
        if (mx < lowest) return underflow(n);
        int level = 0;
        int off;
        do {
            if (n.isRoot()) return underflow(n);
            if (ascend()) return true;
            off = offset;
            level++;
            n = node;
        } while (off == 0);
        off--;
        while (level > 1) { // down the rightmost edge to the level above the leaves
            level--;
            Object next = n.slot(off);
            if (n.isDead()) return true;
            if (!(next instanceof MapleNode child)) return true; // memory reused under us (reported): rewalk
            long gen = child.generation();
            cache(child, gen);
            NodeChecks.beforeRead(kernel, task, child, gen);
            n = child;
            off = n.end; // ma_data_end()
            if (n.isDead()) return true;
        }
        Object next = n.slot(off);
        if (n.isDead()) return true;
        if (!(next instanceof MapleNode leaf)) return true;
        if (off > 0) min = n.pivot(off - 1) + 1;
        max = mx;
        long gen = leaf.generation();
        cache(leaf, gen);
        NodeChecks.beforeRead(kernel, task, leaf, gen);
        offset = leaf.end; // mas_data_end()
        if (leaf.isDead()) return true;
        end = offset;
        return false;
    }

    /** The no_entry label of mas_prev_node(). */
    private boolean underflow(MapleNode n) {
        if (n.isDead()) return true;
        status = MapleStatus.UNDERFLOW;
        return false;
    }
}
