package dev.vmalab.model.maple;

import dev.vmalab.model.mem.NodeAllocator;
import dev.vmalab.model.sched.YieldPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The write side of the maple tree in RCU mode (lib/maple_tree.c:
 * mas_wr_store_type() and the store paths it picks). What matters for
 * readers is which stores change a visible node in place and which build new
 * nodes and free the old ones through RCU:
 * <ul>
 * <li>wr_exact_fit: the slot is overwritten in place (no node freed);</li>
 * <li>wr_slot_store: in RCU mode only when the data end is unchanged and the
 *     store spans exactly two slots: one pivot and one slot change in place;</li>
 * <li>wr_node_store, wr_split_store, wr_rebalance, wr_spanning_store,
 *     wr_new_root: new nodes are built, published with one pointer store, the
 *     old ones are marked dead and freed with call_rcu.</li>
 * </ul>
 * wr_append is never used in RCU mode. Simplifications: splits do not first try
 * to push data into a sibling (mas_push_data), and a rebuild redistributes the
 * affected nodes' data evenly rather than with mab_calc_split's rules; so the
 * model replaces the same nodes as the kernel but may draw pivots elsewhere.
 */
final class MapleWriter {
    private final MapleTree tree;

    MapleWriter(MapleTree tree) {
        this.tree = tree;
    }

    /** One node on a writer's path: the node, its range and the offset taken. */
    private record Step(MapleNode node, long min, long max, int offset) {}

    private List<Step> descend(long index) {
        List<Step> path = new ArrayList<>();
        MapleNode n = tree.root();
        long min = 0;
        long max = MapleTree.MAX;
        while (true) {
            int off = 0;
            while (off < n.end && n.pivots[off] < index) off++;
            path.add(new Step(n, min, max, off));
            if (n.leaf) return path;
            long childMin = off == 0 ? min : n.pivots[off - 1] + 1;
            long childMax = n.slotMax(off, max);
            n = (MapleNode) n.slots[off];
            min = childMin;
            max = childMax;
        }
    }

    void store(long first, long last, Object entry) {
        if (tree.root() == null) {
            if (entry == null) return;
            Items items = new Items();
            if (first > 0) items.add(first - 1, null);
            items.add(last, entry);
            if (last < MapleTree.MAX) items.add(MapleTree.MAX, null);
            tree.publishRoot(buildLevel(items, true).getFirst());
            return;
        }
        List<Step> path = descend(first);
        Step leafStep = path.getLast();
        MapleNode leaf = leafStep.node();
        if (last > leafStep.max()) {
            rebuild(first, last, entry); // wr_spanning_store
            return;
        }
        int off = leafStep.offset();
        long lmin = leafStep.min();
        long lmax = leafStep.max();
        long rMin = off == 0 ? lmin : leaf.pivots[off - 1] + 1;
        long rMax = leaf.slotMax(off, lmax);
        int offEnd = off;
        while (offEnd < leaf.end && leaf.pivots[offEnd] < last) offEnd++;
        long endPiv = leaf.slotMax(offEnd, lmax);
        long index = first;
        long lastIdx = last;
        if (entry == null) { // mas_wr_extend_null(): a stored null absorbs the null neighbours
            if (leaf.slots[offEnd] == null) {
                lastIdx = endPiv;
            } else if (lastIdx == endPiv && leaf.end != offEnd && leaf.slots[offEnd + 1] == null) {
                offEnd++;
                lastIdx = leaf.slotMax(offEnd, lmax);
                endPiv = lastIdx;
            }
            if (leaf.slots[off] == null) {
                index = rMin;
            } else if (index == rMin && off > 0 && leaf.slots[off - 1] == null) {
                off--;
                rMin = index = off == 0 ? lmin : leaf.pivots[off - 1] + 1;
                rMax = leaf.pivots[off];
            }
        }
        if (rMin == index && rMax == lastIdx) { // wr_exact_fit
            leaf.publishSlot(off, entry);
            tree.kernel.scheduling().yieldAt(YieldPoint.WRITER_STEP);
            return;
        }
        if (index == 0 && lastIdx == MapleTree.MAX) { // wr_new_root
            rebuild(index, lastIdx, entry);
            return;
        }
        int newEnd = leaf.end + 2 - (offEnd - off) - (rMin == index ? 1 : 0) - (endPiv == lastIdx ? 1 : 0);
        // Too little data left goes to wr_rebalance (or wr_node_store at the root) before any in-place store.
        if (newEnd >= MapleNode.MIN_END && newEnd < MapleNode.SLOTS && newEnd == leaf.end && offEnd - off == 1) {
            slotStore(leaf, off, index, lastIdx, rMin, entry); // wr_slot_store
            return;
        }
        rebuild(index, lastIdx, entry); // wr_node_store, wr_split_store or wr_rebalance
    }

    /** mas_wr_slot_store() for offset_end - offset == 1: move one boundary, in place. */
    private void slotStore(MapleNode leaf, int off, long index, long last, long rMin, Object entry) {
        if (index == rMin) { // overwriting the range and a part of the next one
            leaf.publishSlot(off, entry);
            leaf.publishPivot(off, last);
        } else { // overwriting a part of the range and the next one
            leaf.publishSlot(off + 1, entry);
            leaf.publishPivot(off, index - 1);
        }
        tree.kernel.scheduling().yieldAt(YieldPoint.WRITER_STEP);
    }

    /** A node of an affected run, with its range. */
    private record Member(MapleNode node, long min, long max) {}

    /**
     * Replaces the nodes covering [index, last] with new ones, level by level
     * up to where one pointer store publishes the result.
     */
    private void rebuild(long index, long last, Object entry) {
        List<Step> a = descend(index);
        List<Step> b = descend(last);
        int height = a.size();
        // runs.get(l): the nodes at level l (root = 0) between the two paths.
        List<List<Member>> runs = new ArrayList<>();
        runs.add(new ArrayList<>(List.of(new Member(tree.root(), 0, MapleTree.MAX))));
        int[] firstOff = new int[height];
        int[] lastOff = new int[height];
        for (int l = 0; l < height; l++) {
            firstOff[l] = a.get(l).offset();
            lastOff[l] = b.get(l).offset();
        }
        for (int l = 0; l + 1 < height; l++) runs.add(children(runs.get(l), firstOff[l], lastOff[l]));

        List<MapleNode> replaced = new ArrayList<>();
        int leafLevel = height - 1;
        List<Member> leafRun = runs.get(leafLevel);
        Items items = new Items();
        for (Member m : leafRun) appendLeafItems(items, m, index, last, entry);
        items.mergeAdjacentNulls();
        if (leafLevel > 0 && items.size() - 1 < MapleNode.MIN_END) {
            absorbSibling(runs, leafLevel, firstOff, lastOff, items, true);
            items.mergeAdjacentNulls();
        }
        for (Member m : runs.get(leafLevel)) replaced.add(m.node());
        List<MapleNode> built = buildLevel(items, true);

        for (int l = leafLevel - 1; l >= 0; l--) {
            List<Member> below = runs.get(l + 1);
            List<Member> run = runs.get(l);
            if (built.size() == 1 && below.size() == 1 && run.size() == 1
                    && built.getFirst().maxHint == below.getFirst().max()) {
                // wr_node_store: one new node for one old one, same range: one pointer store in the parent.
                MapleNode parent = run.getFirst().node();
                MapleNode fresh = built.getFirst();
                fresh.parent = parent;
                parent.publishSlot(firstOff[l], fresh);
                retire(replaced);
                return;
            }
            Items parentItems = new Items();
            for (int i = 0; i < run.size(); i++) {
                MapleNode p = run.get(i).node();
                long pmax = run.get(i).max();
                int from = i == 0 ? firstOff[l] : 0;
                int to = i == run.size() - 1 ? lastOff[l] : p.end;
                for (int s = 0; s <= p.end; s++) {
                    if (i == 0 && s == from) {
                        for (MapleNode n : built) parentItems.add(n.maxHint, n);
                    }
                    boolean inRun = (i > 0 || s >= from) && (i < run.size() - 1 || s <= to);
                    if (!inRun) parentItems.add(p.slotMax(s, pmax), p.slots[s]);
                }
            }
            if (l > 0 && parentItems.size() - 1 < MapleNode.MIN_END) {
                absorbSibling(runs, l, firstOff, lastOff, parentItems, false);
            }
            for (Member m : runs.get(l)) replaced.add(m.node());
            built = buildLevel(parentItems, false);
        }
        while (built.size() > 1) { // the root split: a new level on top
            Items top = new Items();
            for (MapleNode n : built) top.add(n.maxHint, n);
            built = buildLevel(top, false);
        }
        MapleNode newRoot = built.getFirst();
        while (!newRoot.leaf && newRoot.end == 0) { // a root with one child is dropped (never published)
            MapleNode child = (MapleNode) newRoot.slots[0];
            tree.kernel.nodes().free(newRoot);
            newRoot = child;
        }
        if (newRoot.leaf && newRoot.end == 0 && newRoot.slots[0] == null) { // mas_new_root(NULL): the tree is empty
            tree.kernel.nodes().free(newRoot);
            newRoot = null;
        }
        tree.publishRoot(newRoot);
        retire(replaced);
    }

    /** The children of {@code run} from offset {@code from} in the first node to {@code to} in the last. */
    private static List<Member> children(List<Member> run, int from, int to) {
        List<Member> out = new ArrayList<>();
        for (int i = 0; i < run.size(); i++) {
            Member m = run.get(i);
            MapleNode p = m.node();
            int lo = i == 0 ? from : 0;
            int hi = i == run.size() - 1 ? to : p.end;
            for (int s = lo; s <= hi; s++) {
                long cmin = s == 0 ? m.min() : p.pivots[s - 1] + 1;
                out.add(new Member((MapleNode) p.slots[s], cmin, p.slotMax(s, m.max())));
            }
        }
        return out;
    }

    /** Adds a leaf's ranges to {@code items} with [index, last] = entry written over them. */
    private static void appendLeafItems(Items items, Member m, long index, long last, Object entry) {
        MapleNode n = m.node();
        long lo = m.min();
        for (int s = 0; s <= n.end; s++) {
            long hi = n.slotMax(s, m.max());
            Object v = n.slots[s];
            if (hi < index || lo > last) {
                items.add(hi, v);
            } else {
                if (lo < index) items.add(index - 1, v);
                if (items.size() == 0 || items.lastMax() < last) items.add(last, entry);
                if (hi > last) items.add(hi, v);
            }
            lo = hi + 1;
        }
    }

    /**
     * wr_rebalance: a run left with too little data takes in a neighbour under
     * the same parent (the right one, else the left), which is replaced too.
     */
    private static void absorbSibling(List<List<Member>> runs, int level, int[] firstOff, int[] lastOff, Items items,
                                      boolean leaf) {
        List<Member> parents = runs.get(level - 1);
        List<Member> run = runs.get(level);
        Member lastParent = parents.getLast();
        Member firstParent = parents.getFirst();
        if (lastOff[level - 1] < lastParent.node().end) {
            int s = ++lastOff[level - 1];
            MapleNode p = lastParent.node();
            Member sib = new Member((MapleNode) p.slots[s], p.pivots[s - 1] + 1, p.slotMax(s, lastParent.max()));
            run.add(sib);
            appendNodeItems(items, sib, leaf, false);
        } else if (firstOff[level - 1] > 0) {
            int s = --firstOff[level - 1];
            MapleNode p = firstParent.node();
            long smin = s == 0 ? firstParent.min() : p.pivots[s - 1] + 1;
            Member sib = new Member((MapleNode) p.slots[s], smin, p.pivots[s]);
            run.addFirst(sib);
            appendNodeItems(items, sib, leaf, true);
        }
    }

    private static void appendNodeItems(Items items, Member m, boolean leaf, boolean atFront) {
        Items own = new Items();
        MapleNode n = m.node();
        for (int s = 0; s <= n.end; s++) own.add(n.slotMax(s, m.max()), n.slots[s]);
        if (atFront) items.prepend(own);
        else items.append(own);
    }

    /** Builds new nodes (not yet visible) holding {@code items}, split evenly when they do not fit one. */
    private List<MapleNode> buildLevel(Items items, boolean leaf) {
        NodeAllocator<MapleNode> alloc = tree.kernel.nodes();
        int n = items.size();
        int count = (n + MapleNode.SLOTS - 1) / MapleNode.SLOTS;
        List<MapleNode> out = new ArrayList<>(count);
        int at = 0;
        for (int c = 0; c < count; c++) {
            int take = (n - at) / (count - c);
            MapleNode node = alloc.allocate(tree.owner);
            node.leaf = leaf;
            for (int i = 0; i < take; i++) {
                Object v = items.value(at + i);
                node.slots[i] = v;
                if (i < take - 1) node.pivots[i] = items.max(at + i);
                if (!leaf) ((MapleNode) v).parent = node;
            }
            node.end = take - 1;
            node.maxHint = items.max(at + take - 1);
            at += take;
            out.add(node);
        }
        return out;
    }

    /** Marks replaced nodes dead once their replacement is visible, then frees them after a grace period. */
    private void retire(List<MapleNode> replaced) {
        tree.kernel.scheduling().yieldAt(YieldPoint.WRITER_PUBLISHED);
        NodeAllocator<MapleNode> alloc = tree.kernel.nodes();
        for (MapleNode n : replaced) {
            n.markDead();
            alloc.markedDead(n);
        }
        for (MapleNode n : replaced) tree.kernel.rcu().callRcu(() -> alloc.free(n));
        tree.kernel.scheduling().yieldAt(YieldPoint.WRITER_STEP);
    }
}
