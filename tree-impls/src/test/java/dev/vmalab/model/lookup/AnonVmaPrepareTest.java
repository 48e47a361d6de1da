package dev.vmalab.model.lookup;

import static dev.vmalab.model.testing.Maps.PAGE;
import static dev.vmalab.model.testing.Maps.RW;
import static dev.vmalab.model.testing.Maps.anon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.sched.YieldPoint;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.model.testing.ScriptedInterleaving;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * vmf_anon_prepare() under the per-VMA lock (mm/memory.c: __vmf_anon_prepare, 6.18): a fault
 * that needs an anon_vma trylocks mmap_lock; if a writer holds it, VM_FAULT_RETRY, counted
 * VMA_LOCK_RETRY (not VMA_LOCK_SUCCESS), and the fault is redone under lock_mm_and_find_vma().
 */
@Timeout(60)
class AnonVmaPrepareTest {
    private static final long BASE = 0x7f00_0000_0000L;
    private final LookupStrategy masSet = StrategyRegistry.standard().get("mas-set");

    private static Vma vmaAt(Mm mm, long address) {
        return (Vma) mm.tree().load(address);
    }

    @Test
    void aFirstWriteWhileAWriterHoldsMmapLockRetriesAndFallsBack() throws Exception {
        Kernel kernel = Kernel.builder().build();
        Mm mm = new Mm(kernel);
        anon(mm, BASE, 4, RW);
        VmaLockStats stats = new VmaLockStats();
        FaultOutcome[] outcome = new FaultOutcome[1];
        Task[] writer = new Task[1];
        Thread reader = new Thread(() -> outcome[0] = FaultPath.fault(masSet, mm, BASE + PAGE, true, false, stats), "reader");
        try (ScriptedInterleaving script = new ScriptedInterleaving(reader)) {
            // The writer takes mmap_lock (and touches no VMA) just before the reader locks the VMA ...
            script.at(YieldPoint.VMA_START_READ, 1, () -> {
                writer[0] = kernel.rcu().current();
                mm.mmapWriteLock(writer[0]);
            });
            // ... and lets it go only once the reader waits for mmap_read_lock after the retry.
            script.at(YieldPoint.WAIT, 1, () -> mm.mmapWriteUnlock(writer[0]));
            kernel.setScheduling(script);
            reader.start();
            reader.join(30_000);
            assertThat(script.readerTrace()).as("the redone fault waited for mmap_lock").contains(YieldPoint.WAIT);
        }
        assertThat(outcome[0]).isEqualTo(FaultOutcome.ANON_RETRY);
        assertThat(stats.retry).isEqualTo(1);
        assertThat(stats.success).as("the kernel counts no success for a VM_FAULT_RETRY").isZero();
        assertThat(stats.abort).isZero();
        assertThat(stats.fallback).isEqualTo(1);
        assertThat(stats.success + stats.abort + stats.retry).isEqualTo(stats.lookups);
        assertThat(vmaAt(mm, BASE + PAGE).anonVma()).as("prepared under mmap_lock on the retry").isNotZero();
        assertThat(vmaAt(mm, BASE).refcount()).as("vma_end_read() before the retry").isEqualTo(1);
    }

    @Test
    void withoutAWriterTheTrylockIsTakenAndTheFaultStaysPerVma() {
        Kernel kernel = Kernel.builder().build();
        Mm mm = new Mm(kernel);
        anon(mm, BASE, 4, RW);
        VmaLockStats stats = new VmaLockStats();
        assertThat(FaultPath.fault(masSet, mm, BASE, false, false, stats))
                .as("a read maps the zero page: no anon_vma").isEqualTo(FaultOutcome.PER_VMA);
        assertThat(vmaAt(mm, BASE).anonVma()).isZero();
        assertThat(FaultPath.fault(masSet, mm, BASE, true, false, stats)).isEqualTo(FaultOutcome.ANON_TRYLOCK);
        assertThat(vmaAt(mm, BASE).anonVma()).isNotZero();
        assertThat(FaultPath.fault(masSet, mm, BASE + 2 * PAGE, true, false, stats))
                .as("the VMA has its anon_vma now").isEqualTo(FaultOutcome.PER_VMA);
        assertThat(stats.success).isEqualTo(3);
        assertThat(stats.retry + stats.abort + stats.fallback).isZero();
        assertThat(mm.isWriteLocked()).isFalse();
        Task t = kernel.rcu().current();
        assertThat(mm.mmapReadTryLock(t)).as("the trylock was released").isTrue();
        mm.mmapReadUnlock(t);
    }

    @Test
    void sharedMappingsNeverNeedOneAndThpReadsDo() {
        Kernel kernel = Kernel.builder().build();
        Mm mm = new Mm(kernel);
        assertThat(MapOps.mmap(mm, BASE, 4 * PAGE, RW | VmaFlags.SHARED, 77, 0, true)).isEqualTo(BASE);
        long thp = BASE + (4L << 20);
        assertThat(MapOps.mmap(mm, thp, 4L << 20, RW | VmaFlags.HUGEPAGE, 0, 0, true)).isEqualTo(thp);
        VmaLockStats stats = new VmaLockStats();
        assertThat(FaultPath.fault(masSet, mm, BASE, true, false, stats)).isEqualTo(FaultOutcome.PER_VMA);
        assertThat(vmaAt(mm, BASE).anonVma()).isZero();
        assertThat(FaultPath.fault(masSet, mm, thp + PAGE, false, false, stats))
                .as("do_huge_pmd_anonymous_page prepares before the huge zero page").isEqualTo(FaultOutcome.ANON_TRYLOCK);
    }

    @Test
    void withoutPerVmaLocksTheAnonVmaIsPreparedUnderMmapLock() {
        Kernel kernel = Kernel.builder().build();
        Mm mm = new Mm(kernel);
        anon(mm, BASE, 4, RW);
        VmaLockStats stats = new VmaLockStats();
        LookupStrategy only = StrategyRegistry.standard().get("mmap-lock-only");
        assertThat(FaultPath.fault(only, mm, BASE, true, false, stats)).isEqualTo(FaultOutcome.FALLBACK);
        assertThat(vmaAt(mm, BASE).anonVma()).isNotZero();
        assertThat(stats.retry).isZero();
        assertThat(stats.abort).isEqualTo(1);
    }
}
