package dev.vmalab.nativebackend.diff;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.maple.MapleTree;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.tree.RangeTree;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.nativebackend.NativeTestSupport;
import dev.vmalab.nativebackend.build.KernelVariant;
import dev.vmalab.nativebackend.tree.NativeBackends;
import dev.vmalab.nativebackend.tree.NativeTreeBackend;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java model builds the same nodes as the kernel's code for the writes an address space
 * sees: appends that split leaves (mab_calc_split()'s 9/8 of a full leaf), an internal level of
 * 10-slot maple_arange_64 nodes, pushes into a sibling, erases that rebalance, and a spanning
 * munmap. Checked after every write on the nodes' depth, type, data end and range.
 */
class NodeShapeTest {
    private static final long PAGE = 0x1000;

    @Test
    void javaModelBuildsTheKernelsNodesWriteByWrite() {
        NativeTreeBackend backend = NativeTestSupport.backend(NativeBackends.NATIVE, KernelVariant.AS_SHIPPED, false);
        Kernel kernel = Kernel.builder().walkSemantics(backend.walkSemantics()).build();
        RangeTree java = new MapleTree(kernel, 1);
        RangeTree kern = backend.newTree(kernel, 2);
        Task t = kernel.rcu().current();
        Vma[] vmas = new Vma[200];
        for (int i = 0; i < vmas.length; i++) vmas[i] = kernel.vmas().allocate(null);

        // 200 mappings with a one-page hole between each: 400 ranges, three levels.
        for (int i = 0; i < vmas.length; i++) {
            long start = 0x400000 + i * 3 * PAGE;
            both(java, kern, start, start + 2 * PAGE - 1, vmas[i]);
        }
        assertThat(DifferentialRun.nodes(kern)).contains("1I").contains("2L"); // internal levels exist
        // munmap every third mapping from the middle outwards: leaves empty and rebalance.
        for (int i = 100; i < 160; i += 3) {
            long start = 0x400000 + i * 3 * PAGE;
            both(java, kern, start, start + 2 * PAGE - 1, null);
        }
        // One munmap spanning many leaves, then a mapping that fills the hole again.
        both(java, kern, 0x400000 + 20 * 3 * PAGE, 0x400000 + 90 * 3 * PAGE - 1, null);
        both(java, kern, 0x400000 + 20 * 3 * PAGE, 0x400000 + 90 * 3 * PAGE - 1, vmas[20]);
        kernel.rcu().synchronize(t);
        backend.quiesce(kernel);
    }

    /**
     * Seeded address-space churn at a scale the differential test's small index space does not
     * reach (four levels): page-aligned maps over 4,096 slots, unmaps of single mappings and
     * of runs of them (spanning stores), and remaps of part of a mapping (splits in a leaf).
     */
    @Test
    void javaModelBuildsTheKernelsNodesUnderSeededChurn() {
        NativeTreeBackend backend = NativeTestSupport.backend(NativeBackends.NATIVE, KernelVariant.RESUME_ACTIVE, false);
        Kernel kernel = Kernel.builder().walkSemantics(backend.walkSemantics()).build();
        RangeTree java = new MapleTree(kernel, 1);
        RangeTree kern = backend.newTree(kernel, 2);
        Vma[] vmas = new Vma[64];
        for (int i = 0; i < vmas.length; i++) vmas[i] = kernel.vmas().allocate(null);
        java.util.Random rnd = new java.util.Random(20251125);
        int deepest = 0;
        for (int op = 0; op < 16_000; op++) {
            long slot = rnd.nextInt(4096);
            long start = 0x10000000L + slot * 8 * PAGE;
            int kind = rnd.nextInt(10);
            if (kind < 7) { // map 1-7 pages at a slot
                both(java, kern, start, start + (1 + rnd.nextInt(7)) * PAGE - 1, vmas[rnd.nextInt(vmas.length)]);
            } else if (kind < 8) { // unmap one slot
                both(java, kern, start, start + 8 * PAGE - 1, null);
            } else if (kind < 9) { // unmap a run of slots
                both(java, kern, start, start + (2 + rnd.nextInt(40)) * 8 * PAGE - 1, null);
            } else { // remap the middle pages of a slot
                both(java, kern, start + PAGE, start + 3 * PAGE - 1, vmas[rnd.nextInt(vmas.length)]);
            }
            long[] shape = kern.nodeShape();
            for (int i = 0; i < shape.length; i += 4) deepest = Math.max(deepest, (int) (shape[i] >> 1));
        }
        assertThat(deepest).as("deepest level reached").isGreaterThanOrEqualTo(3);
        backend.quiesce(kernel);
    }

    private static void both(RangeTree java, RangeTree kern, long first, long last, Object entry) {
        java.store(first, last, entry);
        kern.store(first, last, entry);
        assertThat(DifferentialRun.nodes(java))
                .as("nodes after store [%#x, %#x]", first, last)
                .isEqualTo(DifferentialRun.nodes(kern));
        java.verify();
    }
}
