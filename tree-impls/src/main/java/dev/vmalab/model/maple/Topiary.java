package dev.vmalab.model.maple;

import dev.vmalab.model.mem.NodeAllocator;
import dev.vmalab.model.sched.YieldPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Putting new nodes into the tree and disposing of the old ones
 * (lib/maple_tree.c: mas_put_in_tree(), mas_topiary_replace(),
 * mte_destroy_walk()). One pointer store publishes the new subtree; then the
 * old top is marked dead, the new nodes adopt their children, and the old nodes
 * no longer reachable are marked dead and freed after a grace period.
 */
final class Topiary {
    private final MapleTree tree;

    Topiary(MapleTree tree) {
        this.tree = tree;
    }

    private record Old(MapleNode node, long min, long max) {}

    /** mas_put_in_tree(): rcu_assign_pointer() into the parent's slot, or the tree's root. */
    private void putInTree(MapleNode fresh) {
        if (fresh.isRoot()) {
            tree.publishRoot(fresh);
        } else {
            fresh.parent().publishSlot(fresh.parentSlot(), fresh);
        }
        tree.kernel.scheduling().yieldAt(YieldPoint.WRITER_PUBLISHED); // readers may see the new node, the old one not yet dead
    }

    /** mas_replace_node(): one new node for one old one (wr_node_store in RCU mode). */
    void replaceNode(MapleNode fresh, MapleNode old) {
        putInTree(fresh);
        kill(old);
        freeAfterGracePeriod(List.of(old));
        tree.kernel.scheduling().yieldAt(YieldPoint.WRITER_STEP);
    }

    /**
     * mas_topiary_replace(): {@code mas.node} is the top of the new subtree,
     * {@code old} the node it replaces; [mas.index, mas.last] is the range written.
     */
    void replace(WriteState mas, MapleNode old) {
        MapleNode fresh = mas.node;
        putInTree(fresh);
        kill(old);
        adoptDown(fresh);
        if (old.leaf) {
            freeAfterGracePeriod(List.of(old));
            tree.kernel.scheduling().yieldAt(YieldPoint.WRITER_STEP);
            return;
        }
        List<MapleNode> subtrees = new ArrayList<>();
        List<Old> level = List.of(new Old(old, mas.min, mas.max));
        do {
            List<Old> next = new ArrayList<>(3);
            for (Old t : level) {
                MapleNode n = t.node();
                // mas_find_child(): the children not adopted by a new node were replaced too.
                for (int o = 0; o <= n.end && next.size() < 3; o++) {
                    MapleNode c = n.child(o);
                    if (c.parent() != n) continue;
                    long cmin = o == 0 ? t.min() : n.pivots[o - 1] + 1;
                    long cmax = n.safePivot(o, t.max());
                    if (cmin >= mas.index && cmax <= mas.last) { // inside the write: a dead subtree (mat_add)
                        kill(c);
                        subtrees.add(c);
                    } else {
                        next.add(new Old(c, cmin, cmax));
                    }
                }
            }
            if (next.isEmpty()) break; // MAS_WARN_ON(mas, n == 0) in the kernel
            for (Old t : level) topiaryNode(t.node());
            level = next;
        } while (!level.getFirst().node().leaf);
        for (Old t : level) topiaryNode(t.node());
        for (MapleNode s : subtrees) destroy(s); // mas_mat_destroy()
        tree.kernel.scheduling().yieldAt(YieldPoint.WRITER_STEP);
    }

    /** mas_new_root() / mte_destroy_walk(): the whole old tree goes once the new root is published. */
    void replaceRoot(MapleNode freshOrNull, MapleNode oldRoot) {
        tree.publishRoot(freshOrNull);
        tree.kernel.scheduling().yieldAt(YieldPoint.WRITER_PUBLISHED);
        if (oldRoot != null) destroy(oldRoot);
        tree.kernel.scheduling().yieldAt(YieldPoint.WRITER_STEP);
    }

    /**
     * The adoption loop of mas_topiary_replace(): walk down the new nodes
     * (children whose parent is already the new node) and point all their
     * children, old and new, at them (mas_adopt_children()).
     */
    private static void adoptDown(MapleNode fresh) {
        List<MapleNode> level = List.of(fresh);
        while (!level.getFirst().leaf) {
            List<MapleNode> next = new ArrayList<>(3);
            for (MapleNode n : level) {
                for (int o = 0; o <= n.end && next.size() < 3; o++) {
                    if (n.child(o).parent() == n) next.add(n.child(o));
                }
                for (int o = n.end; o >= 0; o--) n.child(o).setParent(n, o);
            }
            if (next.isEmpty()) break; // MAS_WARN_ON(mas, n == 0) in the kernel
            level = next;
        }
    }

    /** mas_topiary_node(): mark dead, free after a grace period (ma_free_rcu()). */
    private void topiaryNode(MapleNode n) {
        kill(n);
        freeAfterGracePeriod(List.of(n));
    }

    /** mte_destroy_walk() in RCU mode: every node of the subtree is marked dead now, all freed by one callback. */
    private void destroy(MapleNode top) {
        List<MapleNode> all = new ArrayList<>();
        collect(top, all);
        for (MapleNode n : all) kill(n);
        freeAfterGracePeriod(all);
    }

    private static void collect(MapleNode n, List<MapleNode> out) {
        out.add(n);
        if (n.leaf) return;
        for (int o = 0; o <= n.end; o++) {
            if (!n.child(o).isDead()) collect(n.child(o), out); // a dead child is already on its way out
        }
    }

    private void kill(MapleNode n) {
        if (n.isDead()) return;
        n.markDead();
        tree.kernel.nodes().markedDead(n);
    }

    private void freeAfterGracePeriod(List<MapleNode> nodes) {
        NodeAllocator<MapleNode> alloc = tree.kernel.nodes();
        List<MapleNode> copy = List.copyOf(nodes);
        tree.kernel.rcu().callRcu(() -> copy.forEach(alloc::free));
    }
}
