package dev.vmalab.model.maple;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.check.CollectingSink;
import dev.vmalab.model.check.ViolationKind;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.tree.TreeCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** mas_next/mas_prev/mte_dead_node/copy on the Java model, and the RCU-section oracle on every use of the cached node. */
class CursorPrimitivesTest {
    private final CollectingSink sink = new CollectingSink();

    private MapleTree tree(Kernel kernel, List<long[]> ranges, long seed) {
        MapleTree tree = new MapleTree(kernel, 1);
        Task t = kernel.rcu().current();
        t.mmapLockAcquired();
        Random rnd = new Random(seed);
        long at = rnd.nextInt(5);
        for (int i = 0; i < 300; i++) {
            long len = 1 + rnd.nextInt(8);
            tree.store(at, at + len - 1, (long) i + 1);
            ranges.add(new long[] {at, at + len - 1, i + 1});
            at += len + rnd.nextInt(3); // some gaps, some neighbours
        }
        t.mmapLockReleased();
        assertThat(tree.height()).isGreaterThan(1);
        return tree;
    }

    private Kernel kernel(WalkSemantics walk) {
        return Kernel.builder().gracePeriods(GracePeriods.STRICT).quarantine(64).walkSemantics(walk).violations(sink).build();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void nextAndPrevVisitEveryEntryInOrder(long seed) {
        Kernel kernel = kernel(WalkSemantics.RESUME_ACTIVE);
        List<long[]> ranges = new ArrayList<>();
        MapleTree tree = tree(kernel, ranges, seed);
        Task t = kernel.rcu().current();
        kernel.rcu().readLock(t);
        TreeCursor mas = tree.cursor(ranges.getFirst()[0], ranges.getFirst()[0]);
        assertThat(mas.walk()).isEqualTo(1L);
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(mas.next(MapleTree.MAX)).as("mas_next to range %d", i).isEqualTo(ranges.get(i)[2]);
            assertThat(mas.index()).isEqualTo(ranges.get(i)[0]);
            assertThat(mas.last()).isEqualTo(ranges.get(i)[1]);
        }
        assertThat(mas.next(MapleTree.MAX)).isNull();
        long lastStart = ranges.getLast()[0];
        mas.set(lastStart);
        assertThat(mas.walk()).isEqualTo(ranges.getLast()[2]);
        for (int i = ranges.size() - 2; i >= 0; i--) {
            assertThat(mas.prev(0)).as("mas_prev to range %d", i).isEqualTo(ranges.get(i)[2]);
            assertThat(mas.index()).isEqualTo(ranges.get(i)[0]);
            assertThat(mas.last()).isEqualTo(ranges.get(i)[1]);
        }
        assertThat(mas.prev(0)).isNull();
        assertThat(mas.isUnderflow() || mas.index() == 0).isTrue();
        kernel.rcu().readUnlock(t);
        assertThat(sink.violations()).isEmpty();
    }

    @Test
    void limitsStopNextAndPrev() {
        Kernel kernel = kernel(WalkSemantics.RESUME_ACTIVE);
        List<long[]> ranges = new ArrayList<>();
        MapleTree tree = tree(kernel, ranges, 4);
        Task t = kernel.rcu().current();
        kernel.rcu().readLock(t);
        long[] mid = ranges.get(150);
        TreeCursor mas = tree.cursor(mid[0], mid[0]);
        mas.walk();
        assertThat(mas.next(mid[1])).as("max at the current range's end").isNull();
        assertThat(mas.isOverflow()).isTrue();
        mas.set(mid[0]);
        mas.walk();
        assertThat(mas.prev(mid[0])).isNull();
        assertThat(mas.isUnderflow()).isTrue();
        kernel.rcu().readUnlock(t);
    }

    /** The walk state, read in one section and walked in the next: flagged on resume-active, whether or not a grace period elapsed. */
    @Test
    void resumingAStateFromAnEarlierSectionIsStaleRcuSection() {
        Kernel kernel = kernel(WalkSemantics.RESUME_ACTIVE);
        List<long[]> ranges = new ArrayList<>();
        MapleTree tree = tree(kernel, ranges, 5);
        Task t = kernel.rcu().current();
        kernel.rcu().readLock(t);
        TreeCursor mas = tree.cursor(ranges.get(10)[0], ranges.get(10)[0]);
        mas.walk();
        mas.walk(); // same section: fine
        assertThat(sink.violations()).isEmpty();
        kernel.rcu().readUnlock(t);
        kernel.rcu().readLock(t);
        mas.walk();
        kernel.rcu().readUnlock(t);
        assertThat(sink.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(ViolationKind.STALE_RCU_SECTION);
            assertThat(v.detail()).contains("poll_state_synchronize_rcu() false");
        });
    }

    @Test
    void restartAlwaysSemanticsWalkFromTheRootAndAreNotFlagged() {
        Kernel kernel = kernel(WalkSemantics.ALWAYS_RESTART);
        List<long[]> ranges = new ArrayList<>();
        MapleTree tree = tree(kernel, ranges, 6);
        Task t = kernel.rcu().current();
        kernel.rcu().readLock(t);
        TreeCursor mas = tree.cursor(ranges.get(10)[0], ranges.get(10)[0]);
        mas.walk();
        kernel.rcu().readUnlock(t);
        kernel.rcu().readLock(t);
        mas.walk();
        assertThat(sink.violations()).isEmpty();
        mas.next(MapleTree.MAX); // the walk above re-read the node in this section
        kernel.rcu().readUnlock(t);
        assertThat(sink.violations()).isEmpty();
    }

    @Test
    void aStateReadUnderMmapLockIsBoundToNoSection() {
        Kernel kernel = kernel(WalkSemantics.RESUME_ACTIVE);
        List<long[]> ranges = new ArrayList<>();
        MapleTree tree = tree(kernel, ranges, 7);
        Task t = kernel.rcu().current();
        t.mmapLockAcquired();
        TreeCursor mas = tree.cursor(ranges.get(10)[0], ranges.get(10)[0]);
        mas.walk();
        mas.next(MapleTree.MAX);
        mas.prev(0);
        assertThat(mas.deadNode()).isFalse();
        t.mmapLockReleased();
        assertThat(sink.violations()).isEmpty();
    }

    /** Every primitive that dereferences the cached node is checked: next, prev, find, and the dead test itself. */
    @Test
    void everyNodeReadingPrimitiveIsCheckedForItsSection() {
        Kernel kernel = kernel(WalkSemantics.RESUME_ACTIVE);
        List<long[]> ranges = new ArrayList<>();
        MapleTree tree = tree(kernel, ranges, 8);
        Task t = kernel.rcu().current();
        List<java.util.function.Consumer<TreeCursor>> uses = List.of(
                m -> m.next(MapleTree.MAX), m -> m.prev(0), m -> m.find(MapleTree.MAX), TreeCursor::deadNode);
        for (var use : uses) {
            sink.clear();
            kernel.rcu().readLock(t);
            TreeCursor mas = tree.cursor(ranges.get(100)[0], ranges.get(100)[0]);
            mas.walk();
            TreeCursor copy = mas.copy();
            kernel.rcu().readUnlock(t);
            kernel.rcu().readLock(t);
            use.accept(mas);
            assertThat(sink.count(ViolationKind.STALE_RCU_SECTION)).isEqualTo(1);
            use.accept(copy); // the copy carries the stamp
            assertThat(sink.count(ViolationKind.STALE_RCU_SECTION)).isEqualTo(2);
            kernel.rcu().readUnlock(t);
        }
    }

    @Test
    void setResetAndPauseDropTheCachedNode() {
        Kernel kernel = kernel(WalkSemantics.RESUME_ACTIVE);
        List<long[]> ranges = new ArrayList<>();
        MapleTree tree = tree(kernel, ranges, 9);
        Task t = kernel.rcu().current();
        for (var drop : List.<java.util.function.Consumer<TreeCursor>>of(m -> m.set(ranges.get(20)[0]),
                TreeCursor::reset, TreeCursor::pause, m -> m.setRange(ranges.get(20)[0], ranges.get(20)[1]))) {
            kernel.rcu().readLock(t);
            TreeCursor mas = tree.cursor(ranges.get(20)[0], ranges.get(20)[0]);
            mas.walk();
            assertThat(mas.isActive()).isTrue();
            kernel.rcu().readUnlock(t);
            drop.accept(mas);
            assertThat(mas.deadNode()).as("no node cached").isFalse();
            kernel.rcu().readLock(t);
            if (mas.isPaused()) mas.find(MapleTree.MAX); else mas.walk();
            kernel.rcu().readUnlock(t);
        }
        assertThat(sink.violations()).isEmpty();
    }

    /**
     * The KASAN-like checks on every node-reading primitive: the state's leaf is replaced by a
     * store and freed after a grace period (strict: at once, no reader is inside a section);
     * using the old state in the next section reads freed memory. After mas_set() and a walk in
     * that section the same primitive reads the live leaf: clean.
     */
    @Test
    void everyNodeReadingPrimitiveReadsFreedNodesThroughTheKasanChecks() {
        Kernel kernel = kernel(WalkSemantics.RESUME_ACTIVE);
        List<long[]> ranges = new ArrayList<>();
        MapleTree tree = tree(kernel, ranges, 10);
        Task t = kernel.rcu().current();
        List<java.util.function.Consumer<TreeCursor>> uses = List.of(TreeCursor::walk, m -> m.next(MapleTree.MAX),
                m -> m.prev(0), m -> m.find(MapleTree.MAX), TreeCursor::deadNode);
        long value = 1000;
        for (var use : uses) {
            int i = 100 + uses.indexOf(use) * 20;
            while (ranges.get(i)[1] == ranges.get(i)[0]) i++; // a range of two or more: splitting it adds a slot
            long[] r = ranges.get(i);
            kernel.rcu().readLock(t);
            MapleState mas = new MapleState(tree, r[0], r[0]);
            mas.walk();
            MapleNode leaf = mas.node;
            kernel.rcu().readUnlock(t);
            t.mmapLockAcquired();
            tree.store(r[0], r[0], ++value); // one more slot: a new leaf replaces the old one, freed after a grace period
            t.mmapLockReleased();
            assertThat(leaf.state()).isEqualTo(dev.vmalab.model.mem.NodeState.FREED);

            sink.clear();
            TreeCursor fresh = mas.copy();
            kernel.rcu().readLock(t);
            use.accept(mas);
            assertThat(sink.count(ViolationKind.USE_AFTER_FREE)).as("use %d", uses.indexOf(use)).isPositive();
            assertThat(sink.count(ViolationKind.STALE_RCU_SECTION)).isEqualTo(1);
            sink.clear();
            fresh.set(r[0]);
            assertThat(fresh.walk()).isEqualTo(value);
            use.accept(fresh);
            kernel.rcu().readUnlock(t);
            assertThat(sink.violations()).as("after mas_set() and a walk in this section").isEmpty();
        }
    }
}
