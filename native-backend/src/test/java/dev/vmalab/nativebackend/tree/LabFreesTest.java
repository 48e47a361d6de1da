package dev.vmalab.nativebackend.tree;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.tree.RangeTree;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.nativebackend.MapleEntry;
import dev.vmalab.nativebackend.NativeMapleLibrary;
import dev.vmalab.nativebackend.NativeMapleTree;
import dev.vmalab.nativebackend.NativeTestSupport;
import dev.vmalab.nativebackend.build.KernelVariant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel code's call_rcu() frees run when the lab says (vmalab_maple.c's queue): on a tree in
 * lab mode liburcu's grace period frees nothing, the model's does, and with strict grace periods
 * as soon as the last reader that entered before the write leaves its section. o2 library, one
 * thread; nothing here reads a freed node.
 */
class LabFreesTest {
    private static final long PAGE = 0x1000;

    @Test
    void aLabModeTreeLeavesItsFreesToTheCallerNotToLiburcu() {
        NativeMapleLibrary lib = NativeTestSupport.loadOptimised(KernelVariant.RESUME_ACTIVE);
        try (NativeMapleTree mt = lib.newTree()) {
            mt.leaveFreesToLab();
            lib.synchronizeRcu();
            lib.rcuBarrier(); // other tests' frees through liburcu are done
            for (int i = 0; i < 40; i++) mt.store(i * 3 * PAGE, i * 3 * PAGE + 2 * PAGE - 1, MapleEntry.of(i));
            lib.runDeferredFrees(lib.takeDeferredFrees()); // the build-up's replaced nodes
            int others = outside(lib, mt); // other trees' nodes

            mt.store(7 * 3 * PAGE + PAGE, 7 * 3 * PAGE + PAGE, MapleEntry.of(100)); // split: the leaf is replaced
            lib.synchronizeRcu();
            lib.rcuBarrier();
            int held = lib.nodesAllocated();
            assertThat(outside(lib, mt)).as("liburcu frees nothing of a lab-mode tree: the replaced nodes are kept").isGreaterThan(others);

            long batch = lib.takeDeferredFrees();
            assertThat(batch).isNotZero();
            assertThat(lib.takeDeferredFrees()).as("taken once").isZero();
            long ran = lib.runDeferredFrees(batch);
            assertThat(ran).as("callbacks run").isPositive();
            assertThat(lib.nodesAllocated()).as("one node freed per mt_free_rcu").isEqualTo(held - (int) ran);
            assertThat(outside(lib, mt)).as("every node out of the tree freed").isEqualTo(others);
        }
    }

    @Test
    void anOrdinaryTreeStillFreesThroughLiburcu() {
        NativeMapleLibrary lib = NativeTestSupport.loadOptimised(KernelVariant.RESUME_ACTIVE);
        try (NativeMapleTree mt = lib.newTree()) {
            for (int i = 0; i < 40; i++) mt.store(i * 3 * PAGE, i * 3 * PAGE + 2 * PAGE - 1, MapleEntry.of(i));
            lib.synchronizeRcu();
            lib.rcuBarrier();
            int others = outside(lib, mt);
            mt.store(7 * 3 * PAGE + PAGE, 7 * 3 * PAGE + PAGE, MapleEntry.of(100));
            assertThat(lib.takeDeferredFrees()).as("handed to liburcu at the end of the store").isZero();
            lib.synchronizeRcu();
            lib.rcuBarrier();
            assertThat(outside(lib, mt)).as("every node out of the tree freed by liburcu").isEqualTo(others);
        }
    }

    /** Nodes allocated that are not in {@code mt} now: other trees' and those waiting to be freed. */
    private static int outside(NativeMapleLibrary lib, NativeMapleTree mt) {
        return lib.nodesAllocated() - mt.shape().length / 4;
    }

    @Test
    void strictGracePeriodsFreeAtTheReadUnlockOfTheLastReaderThatCouldHoldTheNode() {
        NativeTreeBackend backend = NativeTestSupport.backend(NativeBackends.NATIVE, KernelVariant.RESUME_ACTIVE, false);
        NativeMapleLibrary lib = backend.library();
        Kernel kernel = Kernel.builder().gracePeriods(GracePeriods.STRICT).walkSemantics(backend.walkSemantics()).build();
        RangeTree tree = backend.newTree(kernel, 1);
        Task t = kernel.rcu().current();
        Vma[] vmas = new Vma[41];
        for (int i = 0; i < vmas.length; i++) vmas[i] = kernel.vmas().allocate(null);
        lib.synchronizeRcu();
        lib.rcuBarrier(); // other tests' frees through liburcu are done
        for (int i = 0; i < 40; i++) tree.store(i * 3 * PAGE, i * 3 * PAGE + 2 * PAGE - 1, vmas[i]);
        int idle = lib.nodesAllocated(); // strict: every earlier replaced node is freed already

        kernel.rcu().readLock(t); // a reader inside a section that began before the write
        tree.store(7 * 3 * PAGE + PAGE, 7 * 3 * PAGE + PAGE, vmas[40]);
        int held = lib.nodesAllocated();
        assertThat(held).as("the replaced leaf stays while the reader may hold it").isGreaterThan(idle);
        assertThat(kernel.rcu().pendingCallbacks()).isEqualTo(1);
        kernel.rcu().readUnlock(t);
        assertThat(kernel.rcu().pendingCallbacks()).isZero();
        assertThat(lib.nodesAllocated()).as("freed at rcu_read_unlock()").isLessThan(held);

        int afterSplit = lib.nodesAllocated();
        tree.store(7 * 3 * PAGE + PAGE, 7 * 3 * PAGE + PAGE, null); // no reader: freed by the write's call_rcu
        assertThat(kernel.rcu().pendingCallbacks()).isZero();
        assertThat(lib.nodesAllocated()).isLessThanOrEqualTo(afterSplit);
    }

    @Test
    void lazyGracePeriodsFreeAtTheNextQuiescentPointAndQuiesceFreesAll() {
        NativeTreeBackend backend = NativeTestSupport.backend(NativeBackends.NATIVE, KernelVariant.RESUME_ACTIVE, false);
        NativeMapleLibrary lib = backend.library();
        Kernel kernel = Kernel.builder().gracePeriods(GracePeriods.LAZY).walkSemantics(backend.walkSemantics()).build();
        RangeTree tree = backend.newTree(kernel, 1);
        Vma[] vmas = new Vma[41];
        for (int i = 0; i < vmas.length; i++) vmas[i] = kernel.vmas().allocate(null);
        for (int i = 0; i < 40; i++) tree.store(i * 3 * PAGE, i * 3 * PAGE + 2 * PAGE - 1, vmas[i]);
        lib.synchronizeRcu();
        lib.rcuBarrier(); // other tests' frees through liburcu are done
        kernel.rcu().quiescentPoint();
        int idle = lib.nodesAllocated();

        tree.store(7 * 3 * PAGE + PAGE, 7 * 3 * PAGE + PAGE, vmas[40]);
        assertThat(kernel.rcu().pendingCallbacks()).as("lazy: queued").isEqualTo(1);
        int held = lib.nodesAllocated();
        assertThat(held).isGreaterThan(idle);
        backend.quiesce(kernel);
        assertThat(kernel.rcu().pendingCallbacks()).isZero();
        assertThat(lib.nodesAllocated()).as("quiesce runs the model's callbacks").isLessThan(held);
    }
}
