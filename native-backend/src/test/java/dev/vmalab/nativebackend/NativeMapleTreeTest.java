package dev.vmalab.nativebackend;

import dev.vmalab.nativebackend.build.KernelVariant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real maple tree through FFM, o2 flavour, in this JVM (memory-safe operations only). */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class NativeMapleTreeTest {

    @ParameterizedTest
    @EnumSource(KernelVariant.class)
    void storeLoadEraseMirrorTheKernel(KernelVariant variant) {
        NativeMapleLibrary lib = NativeTestSupport.loadOptimised(variant);
        assertThat(lib.buildInfo()).contains("variant=" + variant.id(), "flavour=o2");
        assertThat(lib.asanEnabled()).isFalse();
        try (NativeMapleTree mt = lib.newTree()) {
            assertThat(mt.store(0x1000, 0x1fff, MapleEntry.of(1))).isZero();
            assertThat(mt.store(0x3000, 0x4fff, MapleEntry.of(2))).isZero();
            assertThat(mt.load(0x1000)).isEqualTo(MapleEntry.of(1));
            assertThat(mt.load(0x4fff)).isEqualTo(MapleEntry.of(2));
            assertThat(mt.load(0x2000)).isZero();
            assertThat(mt.store(0x5000, 0x4fff, MapleEntry.of(3))).as("first > last").isEqualTo(-22);
            assertThat(mt.store(0x5000, 0x5fff, 2)).as("a reserved (internal) entry").isEqualTo(-22);
            assertThat(mt.erase(0x3456)).isEqualTo(MapleEntry.of(2));
            assertThat(mt.load(0x3000)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(KernelVariant.class)
    void walkSetsTheFoundRangeAndLeavesTheStateActive(KernelVariant variant) {
        NativeMapleLibrary lib = NativeTestSupport.loadOptimised(variant);
        try (NativeMapleTree mt = lib.newTree(); NativeMaState mas = mt.state(0x3800)) {
            mt.store(0x3000, 0x4fff, MapleEntry.of(7));
            assertThat(mas.status()).isEqualTo(MapleStatus.START);
            lib.rcuReadLock();
            long entry = mas.walk();
            lib.rcuReadUnlock();
            assertThat(MapleEntry.id(entry)).isEqualTo(7);
            assertThat(mas.index()).isEqualTo(0x3000);
            assertThat(mas.last()).isEqualTo(0x4fff);
            assertThat(mas.status()).isEqualTo(MapleStatus.ACTIVE);
            assertThat(mas.node()).isNotZero();

            mas.reset();
            assertThat(mas.status()).isEqualTo(MapleStatus.START);
            assertThat(mas.node()).isZero();
            assertThat(mas.index()).as("mas_reset keeps the index").isEqualTo(0x3000);

            mas.set(0x4123);
            assertThat(mas.index()).isEqualTo(0x4123);
            assertThat(mas.last()).isEqualTo(0x4123);
        }
    }

    @ParameterizedTest
    @EnumSource(KernelVariant.class)
    void findIteratesLikeVmaNext(KernelVariant variant) {
        NativeMapleLibrary lib = NativeTestSupport.loadOptimised(variant);
        try (NativeMapleTree mt = lib.newTree(); NativeMaState mas = mt.state(0)) {
            for (int i = 0; i < 100; i++) mt.store(0x10000L * (i + 1), 0x10000L * (i + 1) + 0x3fff, MapleEntry.of(i));
            List<Long> ids = new ArrayList<>();
            lib.rcuReadLock();
            for (long e = mas.find(Long.MAX_VALUE); e != 0; e = mas.find(Long.MAX_VALUE)) {
                ids.add(MapleEntry.id(e));
                if (ids.size() == 50) {
                    // lock_next_vma drops RCU between VMAs: pause, unlock, lock, go on.
                    mas.pause();
                    assertThat(mas.status()).isEqualTo(MapleStatus.PAUSE);
                    lib.rcuReadUnlock();
                    lib.rcuReadLock();
                }
            }
            lib.rcuReadUnlock();
            assertThat(ids).hasSize(100);
            for (int i = 0; i < 100; i++) assertThat(ids.get(i)).isEqualTo(i);
        }
    }

    /**
     * The 6.12 semantics of the pre-fix retry (memory-safe, wrong index): the walk restarts from
     * the root at the stale index, the start of the VMA found before, not the faulting address.
     */
    @Test
    void asShippedRetryWithoutResetWalksTheStaleIndex() {
        NativeMapleLibrary lib = NativeTestSupport.loadOptimised(KernelVariant.AS_SHIPPED);
        SeedScenario.Outcome o = SeedScenario.run(lib, SeedScenario.Retry.NO_RESET);
        assertThat(MapleEntry.id(o.firstEntry())).isEqualTo(2);
        assertThat(o.firstStatus()).isEqualTo(MapleStatus.ACTIVE);
        assertThat(o.retryIndex()).isEqualTo(0x3000).isNotEqualTo(SeedScenario.ADDRESS);
        assertThat(MapleEntry.id(o.retryEntry())).as("the left part of the split VMA, not the faulting address's").isEqualTo(2);
        assertThat(o.retryLast()).isEqualTo(0x37ff).isLessThan(SeedScenario.ADDRESS);
    }

    @ParameterizedTest
    @EnumSource(KernelVariant.class)
    void masSetBeforeTheRetryFindsTheNewVma(KernelVariant variant) {
        NativeMapleLibrary lib = NativeTestSupport.loadOptimised(variant);
        SeedScenario.Outcome o = SeedScenario.run(lib, SeedScenario.Retry.MAS_SET);
        assertThat(MapleEntry.id(o.retryEntry())).isEqualTo(4);
        assertThat(o.retryIndex()).isEqualTo(0x3800);
        assertThat(o.retryLast()).isEqualTo(0x3fff);
    }

    @Test
    void masResetRestartsFromTheRootAtTheStaleIndex() {
        NativeMapleLibrary lib = NativeTestSupport.loadOptimised(KernelVariant.RESUME_ACTIVE);
        SeedScenario.Outcome o = SeedScenario.run(lib, SeedScenario.Retry.MAS_RESET);
        assertThat(o.retryIndex()).isEqualTo(0x3000);
        assertThat(MapleEntry.id(o.retryEntry())).isEqualTo(2);
    }

    @Test
    void replacedNodesAreFreedAfterAGracePeriod() {
        NativeMapleLibrary lib = NativeTestSupport.loadOptimised(KernelVariant.AS_SHIPPED);
        lib.rcuBarrier();
        int before = lib.nodesAllocated();
        try (NativeMapleTree mt = lib.newTree()) {
            for (int i = 0; i < 200; i++) mt.store(0x10000L * i, 0x10000L * i + 0xfff, MapleEntry.of(i));
            for (int i = 0; i < 200; i++) mt.store(0x10000L * i + 0x800, 0x10000L * i + 0x8ff, MapleEntry.of(1000 + i));
            lib.synchronizeRcu();
            lib.rcuBarrier();
            assertThat(lib.nodesAllocated() - before).as("live nodes of a 600-range tree").isBetween(1, 200);
        }
        lib.rcuBarrier();
        assertThat(lib.nodesAllocated()).isEqualTo(before);
    }

    /**
     * Readers walk with {@code mas_set} before every walk (the fix) while a writer splits and
     * merges VMAs and waits out grace periods: every walk finds the entry the address has in
     * one of the writer's two layouts.
     */
    @ParameterizedTest
    @EnumSource(KernelVariant.class)
    void concurrentReadersWithTheFixSeeOnlyPublishedLayouts(KernelVariant variant) throws Exception {
        NativeMapleLibrary lib = NativeTestSupport.loadOptimised(variant);
        int vmas = 64;
        long size = 0x10000;
        try (NativeMapleTree mt = lib.newTree()) {
            for (int i = 0; i < vmas; i++) mt.store(size * (i + 1), size * (i + 1) + size / 2 - 1, MapleEntry.of(i));
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                int seed = r;
                readers.add(Thread.ofPlatform().name("reader-" + r).start(() -> {
                    try (NativeMaState mas = mt.state(0)) {
                        java.util.Random rnd = new java.util.Random(seed);
                        while (System.nanoTime() < deadline) {
                            int i = rnd.nextInt(vmas);
                            long addr = size * (i + 1) + rnd.nextLong(size / 2);
                            lib.rcuReadLock();
                            mas.set(addr);
                            long e = mas.walk();
                            long index = mas.index();
                            long last = mas.last();
                            lib.rcuReadUnlock();
                            long id = MapleEntry.id(e);
                            assertThat(id == i || id == vmas + i).as("id %d at %x", id, addr).isTrue();
                            assertThat(addr).isBetween(index, last);
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            java.util.Random rnd = new java.util.Random(42);
            int writes = 0;
            while (System.nanoTime() < deadline) {
                int i = rnd.nextInt(vmas);
                long start = size * (i + 1);
                // split: middle quarter gets a new id; then merge back
                mt.store(start + size / 8, start + size / 4 - 1, MapleEntry.of(vmas + i));
                mt.store(start, start + size / 2 - 1, MapleEntry.of(i));
                if (++writes % 16 == 0) lib.synchronizeRcu();
            }
            for (Thread t : readers) t.join();
            lib.synchronizeRcu();
            lib.rcuBarrier();
            assertThat(failures).isEmpty();
            assertThat(writes).isPositive();
        }
    }
}
