package dev.vmalab.nativebackend.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.check.CollectingSink;
import dev.vmalab.model.check.ViolationKind;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.tree.RangeTree;
import dev.vmalab.model.tree.TreeBackend;
import dev.vmalab.model.tree.TreeCursor;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.nativebackend.NativeTestSupport;
import dev.vmalab.nativebackend.build.KernelVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The strategy API on the kernel's code: mas_next/mas_prev/mte_dead_node/copy give what the
 * Java model gives over the same stores, and the RCU-section oracle on the cursor's Java side
 * flags a cached node used in a later section, as on the Java model (o2 flavour: no node is freed
 * here; the ASan check of a freed node is SeedInterleavingTest's).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class NativeCursorPrimitivesTest {
    private record Side(Kernel kernel, RangeTree tree, CollectingSink sink) {}

    private static Side side(TreeBackend backend, NativeTreeBackend nb) {
        CollectingSink sink = new CollectingSink();
        Kernel k = Kernel.builder().gracePeriods(GracePeriods.STRICT).walkSemantics(nb.walkSemantics()).violations(sink)
                .treeBackend(backend).build();
        RangeTree tree = k.treeBackend().newTree(k, 1);
        Mm owner = new Mm(k);
        Task t = k.rcu().current();
        t.mmapLockAcquired();
        Random rnd = new Random(3);
        long at = 1 + rnd.nextInt(5);
        for (int i = 0; i < 300; i++) {
            long len = 1 + rnd.nextInt(8);
            tree.store(at, at + len - 1, k.vmas().allocate(owner)); // values: VMA objects, as the native backend stores
            at += len + rnd.nextInt(3);
        }
        t.mmapLockReleased();
        return new Side(k, tree, sink);
    }

    private static List<String> iterate(Side s) {
        Task t = s.kernel().rcu().current();
        List<String> out = new ArrayList<>();
        s.kernel().rcu().readLock(t);
        TreeCursor mas = s.tree().cursor(0, 0);
        Object e = mas.find(RangeTree.MAX);
        out.add(mas.index() + "-" + mas.last() + (mas.deadNode() ? " dead" : ""));
        while ((e = mas.next(RangeTree.MAX)) != null) out.add(mas.index() + "-" + mas.last());
        TreeCursor back = mas.copy();
        back.set(mas.index() == 0 ? 0 : Long.parseLong(out.getLast().split("-")[0]));
        back.walk();
        while (back.prev(0) != null) out.add("<" + back.index() + "-" + back.last());
        s.kernel().rcu().readUnlock(t);
        return out;
    }

    @ParameterizedTest
    @EnumSource(KernelVariant.class)
    void nextPrevAndDeadNodeMatchTheJavaModel(KernelVariant variant) {
        NativeTreeBackend nb = NativeTestSupport.backend(NativeBackends.NATIVE, variant, false);
        Side java = side(TreeBackend.JAVA, nb);
        Side kernelCode = side(nb, nb);
        List<String> expected = iterate(java);
        assertThat(expected).hasSizeGreaterThan(500);
        assertThat(iterate(kernelCode)).isEqualTo(expected);
        assertThat(java.sink().violations()).isEmpty();
        assertThat(kernelCode.sink().violations()).isEmpty();
    }

    /** A cached node read in one section and used in the next: flagged for every node-reading operation (walk only when the variant resumes). */
    @ParameterizedTest
    @EnumSource(KernelVariant.class)
    void theSectionOracleWorksOnTheNativeCursor(KernelVariant variant) {
        NativeTreeBackend nb = NativeTestSupport.backend(NativeBackends.NATIVE, variant, false);
        Side s = side(nb, nb);
        Task t = s.kernel().rcu().current();
        List<Consumer<TreeCursor>> uses = List.of(TreeCursor::walk, m -> m.next(RangeTree.MAX), m -> m.prev(0),
                m -> m.find(RangeTree.MAX), TreeCursor::deadNode);
        for (Consumer<TreeCursor> use : uses) {
            s.sink().clear();
            s.kernel().rcu().readLock(t);
            TreeCursor mas = s.tree().cursor(400, 400);
            mas.walk();
            TreeCursor copy = mas.copy();
            use.accept(mas); // same section: fine
            s.kernel().rcu().readUnlock(t);
            s.kernel().rcu().readLock(t);
            mas.set(400);
            mas.walk();
            use.accept(mas); // re-read in this section: fine
            use.accept(copy); // from the earlier section
            s.kernel().rcu().readUnlock(t);
            boolean walkResumes = variant == KernelVariant.RESUME_ACTIVE;
            long expected = use == uses.getFirst() && !walkResumes ? 0 : 1;
            assertThat(s.sink().count(ViolationKind.STALE_RCU_SECTION)).as("use %d on %s", uses.indexOf(use), variant)
                    .isEqualTo(expected);
        }
    }
}
