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

    private static void both(RangeTree java, RangeTree kern, long first, long last, Object entry) {
        java.store(first, last, entry);
        kern.store(first, last, entry);
        assertThat(DifferentialRun.nodes(java))
                .as("nodes after store [%#x, %#x]", first, last)
                .isEqualTo(DifferentialRun.nodes(kern));
        java.verify();
    }
}
