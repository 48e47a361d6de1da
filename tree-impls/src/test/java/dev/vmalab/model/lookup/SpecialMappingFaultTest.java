package dev.vmalab.model.lookup;

import static dev.vmalab.model.testing.Maps.PAGE;
import static dev.vmalab.model.testing.Maps.RW;
import static dev.vmalab.model.testing.Maps.anon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.ops.Processes;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaFlags;
import org.junit.jupiter.api.Test;

/**
 * vmf_can_call_fault() (mm/memory.c): a fault under the per-VMA lock in a VMA whose vm_ops have no
 * ->map_pages (special_mapping_vmops: the vdso and vvar pages) returns VM_FAULT_RETRY, counted VMA_LOCK_RETRY,
 * and do_user_addr_fault() redoes it under lock_mm_and_find_vma() — on every such fault, with no writer about.
 */
class SpecialMappingFaultTest {
    private static final long VVAR = 0x7f00_0000_0000L;
    private static final long VDSO = VVAR + 4 * PAGE;
    private final LookupStrategy masSet = StrategyRegistry.standard().get("mas-set");

    private static Mm withVdso(Kernel kernel) {
        Mm mm = new Mm(kernel);
        assertThat(MapOps.installSpecialMapping(mm, VVAR, 4 * PAGE, VmaFlags.READ)).isEqualTo(VVAR);
        assertThat(MapOps.installSpecialMapping(mm, VDSO, 2 * PAGE, VmaFlags.READ | VmaFlags.EXEC)).isEqualTo(VDSO);
        return mm;
    }

    @Test
    void aReadOfTheVdsoUnderTheVmaLockIsARetryFinishedUnderMmapLock() {
        Mm mm = withVdso(Kernel.builder().build());
        VmaLockStats stats = new VmaLockStats();
        assertThat(FaultPath.fault(masSet, mm, VDSO + 0x123, false, false, stats)).isEqualTo(FaultOutcome.SPECIAL_RETRY);
        assertThat(FaultPath.fault(masSet, mm, VDSO, false, true, stats)).as("an instruction fetch is a read fault")
                .isEqualTo(FaultOutcome.SPECIAL_RETRY);
        assertThat(FaultPath.fault(masSet, mm, VVAR + PAGE, false, false, stats)).isEqualTo(FaultOutcome.SPECIAL_RETRY);
        assertThat(stats.noMapPagesThisLookup).isTrue();
        assertThat(stats.retry).isEqualTo(3);
        assertThat(stats.fallback).isEqualTo(3);
        assertThat(stats.success).as("VM_FAULT_RETRY counts no success").isZero();
        assertThat(stats.success + stats.abort + stats.retry).isEqualTo(stats.lookups);
        Vma vdso = (Vma) mm.tree().load(VDSO);
        assertThat(vdso.refcount()).as("vma_end_read() before the retry").isEqualTo(1);
        assertThat(vdso.anonVma()).as("a special mapping never gets an anon_vma").isZero();
        assertThat(mm.isWriteLocked()).isFalse();
    }

    @Test
    void aWriteToTheVdsoIsAnAccessErrorNotARetry() {
        Mm mm = withVdso(Kernel.builder().build());
        VmaLockStats stats = new VmaLockStats();
        assertThat(FaultPath.fault(masSet, mm, VDSO, true, false, stats)).isEqualTo(FaultOutcome.SEGV);
        assertThat(stats.success).as("bad_area_access_error() counts a success").isEqualTo(1);
        assertThat(stats.retry).isZero();
    }

    @Test
    void specialMappingsNeverMergeAndForkAndMremapKeepThem() {
        Kernel kernel = Kernel.builder().build();
        Mm mm = withVdso(kernel);
        anon(mm, VDSO + 2 * PAGE, 2, VmaFlags.READ | VmaFlags.EXEC);
        assertThat(Processes.vmas(mm)).as("vvar, vdso and the anonymous neighbour stay apart").hasSize(3);
        Mm child = Processes.fork(kernel, mm);
        VmaLockStats stats = new VmaLockStats();
        assertThat(FaultPath.fault(masSet, child, VDSO, false, false, stats)).isEqualTo(FaultOutcome.SPECIAL_RETRY);
        long moved = VVAR - 16 * PAGE;
        assertThat(MapOps.mremap(mm, VDSO, 2 * PAGE, 2 * PAGE, moved)).isEqualTo(moved);
        assertThat(FaultPath.fault(masSet, mm, moved, false, false, stats)).isEqualTo(FaultOutcome.SPECIAL_RETRY);
        assertThat(FaultPath.fault(masSet, mm, VDSO + 2 * PAGE, false, false, stats))
                .as("the neighbour is ordinary anonymous memory").isEqualTo(FaultOutcome.PER_VMA);
    }

    @Test
    void aCowWriteToAPrivateFileMappingPreparesAnAnonVmaAndAReadDoesNot() {
        Mm mm = new Mm(Kernel.builder().build());
        assertThat(MapOps.mmap(mm, VVAR, 4 * PAGE, RW, 0x1234, 0, true)).isEqualTo(VVAR);
        VmaLockStats stats = new VmaLockStats();
        assertThat(FaultPath.fault(masSet, mm, VVAR, false, false, stats)).as("do_read_fault: the page cache's page")
                .isEqualTo(FaultOutcome.PER_VMA);
        assertThat(stats.anonPreparedThisLookup).isFalse();
        assertThat(FaultPath.fault(masSet, mm, VVAR + PAGE, true, false, stats)).as("do_cow_fault -> vmf_anon_prepare")
                .isEqualTo(FaultOutcome.ANON_TRYLOCK);
        assertThat(stats.anonPreparedThisLookup).isTrue();
    }
}
