package dev.vmalab.replay.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.lookup.FaultOutcome;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.replay.results.ResultTables;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.KernelFaultOutcome;
import dev.vmalab.traces.event.MmapLockTimes;
import dev.vmalab.traces.event.UnmapEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model's fault outcomes counted next to the kernel's, per thread and slice, and written as result files. */
class KernelCompareTest {
    @TempDir
    Path dir;

    private static FaultEvent fault(long t, int tid, long addr, KernelFaultOutcome k) {
        return new FaultEvent(t, 1, tid, addr, 0x400000, FaultEvent.Access.WRITE, 6, k);
    }

    @Test
    void countsAgreementAndKeepsTheFaultsThatDisagree() {
        KernelCompare a = new KernelCompare(0, 999, "real");
        a.record(fault(0, 10, 0x1000, KernelFaultOutcome.PER_VMA), FaultOutcome.PER_VMA);
        a.record(fault(100, 10, 0x2000, KernelFaultOutcome.ANON_RETRY), FaultOutcome.PER_VMA);
        a.record(fault(200, 10, 0x3000, KernelFaultOutcome.UNKNOWN), FaultOutcome.FALLBACK); // not counted
        KernelCompare b = new KernelCompare(0, 999, "real");
        b.record(fault(950, 11, 0x4000, KernelFaultOutcome.LOCK_MM_FALLBACK), FaultOutcome.FALLBACK);
        b.record(fault(960, 11, 0x5000, KernelFaultOutcome.ANON_TRYLOCK_TAKEN), FaultOutcome.ANON_RETRY);
        a.add(b);

        assertThat(a.faults()).isEqualTo(4);
        long[] t = a.total();
        assertThat(t[KernelCompare.K_PER_VMA]).isEqualTo(1);
        assertThat(t[KernelCompare.K_ANON_RETRY]).isEqualTo(1);
        assertThat(t[KernelCompare.K_FALLBACK]).isEqualTo(1);
        assertThat(t[KernelCompare.K_ANON_TAKEN]).isEqualTo(1);
        assertThat(t[KernelCompare.M_PER_VMA]).isEqualTo(2);
        assertThat(t[KernelCompare.M_FALLBACK]).isEqualTo(1);
        assertThat(t[KernelCompare.M_ANON_RETRY]).isEqualTo(1);
        assertThat(a.byThread()).containsOnlyKeys(10, 11);
        assertThat(a.bySlice()).containsOnlyKeys(0, 1, 9);
        // 0x2000: the kernel retried, the model did not; 0x5000: the model retried, the kernel took the trylock.
        assertThat(a.disagreementCount()).isEqualTo(2);
        assertThat(a.disagreements()).extracting(KernelCompare.Disagreement::address).containsExactly(0x2000L, 0x5000L);
        assertThat(a.disagreements().get(1).model()).isEqualTo("anon_retry");
        assertThat(a.disagreements()).extracting(KernelCompare.Disagreement::cause).containsExactly(
                DisagreementCause.ANON_VMA_NEED_DIFFERS, DisagreementCause.MODEL_ONLY_CONTENTION);
    }

    @Test
    void aSpecialMappingFallbackIsTheDeterministicPartAndAgreesWhenTheModelRetriesToo() {
        KernelCompare k = new KernelCompare(0, 999, "real");
        k.record(read(10, 10, 0x7000, KernelFaultOutcome.LOCK_MM_FALLBACK), FaultOutcome.SPECIAL_RETRY, true, false);
        k.record(read(20, 10, 0x8000, KernelFaultOutcome.LOCK_MM_FALLBACK), FaultOutcome.PER_VMA, true, false);
        long[] t = k.total();
        assertThat(t[KernelCompare.K_SPECIAL]).isEqualTo(2);
        assertThat(t[KernelCompare.M_SPECIAL_RETRY]).isEqualTo(1);
        assertThat(t[KernelCompare.M_FALLBACK]).as("a special retry is served by lock_mm_and_find_vma").isEqualTo(1);
        assertThat(k.disagreements()).singleElement().satisfies(d -> {
            assertThat(d.address()).isEqualTo(0x8000L);
            assertThat(d.cause()).isEqualTo(DisagreementCause.SPECIAL_MAPPING);
        });
        assertThat(k.byCause()).containsOnlyKeys(DisagreementCause.SPECIAL_MAPPING);
    }

    @Test
    void aKernelFallbackIsPutDownToTheRecordedWriterWhoseHoldCoversIt() {
        // tid 11 faults at 100, then munmaps: exit at 1000 after holding mmap_lock for write for 500 ns.
        WriterHolds holds = WriterHolds.of(List.of(
                new FaultEvent(100, 1, 11, 0x9000, 0x400000, FaultEvent.Access.READ, 4),
                new UnmapEvent(1000, 1, 11, 0x10000, 0x1000, 0, MmapLockTimes.hold(500)))); // format 2: no wait, no tail
        KernelCompare k = new KernelCompare(0, 5000, "real", holds);
        k.record(fault(700, 10, 0x1000, KernelFaultOutcome.LOCK_MM_FALLBACK), FaultOutcome.PER_VMA, false, false);
        k.record(fault(300, 10, 0x2000, KernelFaultOutcome.LOCK_MM_FALLBACK), FaultOutcome.PER_VMA, false, false);
        k.record(fault(4000, 10, 0x3000, KernelFaultOutcome.ANON_RETRY), FaultOutcome.ANON_TRYLOCK, false, true);
        k.record(fault(800, 11, 0x4000, KernelFaultOutcome.LOCK_MM_FALLBACK), FaultOutcome.PER_VMA, false, false);
        assertThat(k.disagreements()).extracting(KernelCompare.Disagreement::cause).containsExactly(
                DisagreementCause.WRITER_OVERLAP, // 700 is in [500, 1000]
                DisagreementCause.WRITER_MAY_OVERLAP, // 300: after tid 11's previous event (100), before its exit
                DisagreementCause.NO_WRITER_OVERLAP, // 4000: after every hold
                DisagreementCause.NO_WRITER_OVERLAP); // the writer's own thread cannot hold mmap_lock in its fault
        assertThat(k.disagreements().getFirst().detail()).contains("munmap tid 11").contains("held 500 ns");
        assertThat(k.disagreements().get(2).detail()).startsWith("nearest recorded hold: munmap tid 11");
        assertThat(k.byCause().get(DisagreementCause.NO_WRITER_OVERLAP)[KernelCompare.K_ANON_RETRY]).isEqualTo(1);
    }

    @Test
    void aKernelAnonRetryWhileAWriterWasQueuedIsPutDownToTheQueuedWriter() {
        // Format 3: tid 11's munmap asked for mmap_lock at 200, got it at 600, released it at 700, exited at 1000
        // (wait 400, hold 100, tail 300). A read trylock fails while it is queued (RWSEM_FLAG_WAITERS).
        WriterHolds holds = WriterHolds.of(List.of(
                new FaultEvent(100, 1, 11, 0x9000, 0x400000, FaultEvent.Access.READ, 4),
                new UnmapEvent(1000, 1, 11, 0x10000, 0x1000, 0, new MmapLockTimes(100, 400, 300))));
        KernelCompare k = new KernelCompare(0, 5000, "trace", holds);
        k.record(fault(400, 10, 0x1000, KernelFaultOutcome.ANON_RETRY), FaultOutcome.ANON_TRYLOCK, false, true);
        k.record(fault(650, 10, 0x2000, KernelFaultOutcome.LOCK_MM_FALLBACK), FaultOutcome.PER_VMA, false, false);
        k.record(fault(150, 10, 0x3000, KernelFaultOutcome.ANON_RETRY), FaultOutcome.ANON_TRYLOCK, false, true);
        k.record(fault(800, 10, 0x4000, KernelFaultOutcome.ANON_RETRY), FaultOutcome.ANON_TRYLOCK, false, true);
        assertThat(k.disagreements()).extracting(KernelCompare.Disagreement::cause).containsExactly(
                DisagreementCause.WRITER_WAITING, // 400 is in the wait [200, 600)
                DisagreementCause.WRITER_OVERLAP, // 650 is in the hold [600, 700]
                DisagreementCause.NO_WRITER_OVERLAP, // 150: before the request; placed, so no "may overlap"
                DisagreementCause.NO_WRITER_OVERLAP); // 800: in the tail, after the release
        assertThat(k.disagreements().getFirst().detail()).contains("munmap tid 11").contains("queued 400 ns");
    }

    @Test
    void aSigsegvFoundUnderMmapLockIsAFallbackAsInTheKernel() {
        KernelCompare k = new KernelCompare(0, 999, "real");
        k.record(read(10, 10, 0x0, KernelFaultOutcome.LOCK_MM_FALLBACK), FaultOutcome.SEGV, false, false, true);
        k.record(read(20, 10, 0x5000, KernelFaultOutcome.PER_VMA), FaultOutcome.SEGV, false, false, true);
        k.record(read(30, 10, 0x6000, KernelFaultOutcome.PER_VMA), FaultOutcome.SEGV, false, false, false);
        long[] t = k.total();
        assertThat(t[KernelCompare.M_FALLBACK]).as("no VMA: lock_vma_under_rcu() gave up, as the kernel's").isEqualTo(2);
        assertThat(t[KernelCompare.M_SEGV]).as("an access error under the VMA lock stays apart").isEqualTo(1);
        assertThat(k.disagreements()).singleElement().satisfies(d -> {
            assertThat(d.address()).isEqualTo(0x5000L);
            assertThat(d.cause()).isEqualTo(DisagreementCause.MODEL_LACKS_MAPPING);
        });
    }

    private static FaultEvent read(long t, int tid, long addr, KernelFaultOutcome k) {
        return new FaultEvent(t, 1, tid, addr, 0x400000, FaultEvent.Access.READ, 4, k);
    }

    @Test
    void resultFilesRoundTripThroughACellFolder() throws Exception {
        KernelCompare k = new KernelCompare(0, 100, "real");
        k.record(fault(5, 10, 0x2000, KernelFaultOutcome.ANON_RETRY), FaultOutcome.PER_VMA);
        CellResult r = new CellResult(new CellKey("t", "mas-set", 2, 1), 1, LockCounters.of(new VmaLockStats()),
                new Histogram(3), 0, new long[0], Map.of(), List.of(), "", 1, 0, List.of(), k);
        ResultTables tables = new ResultTables();
        tables.add(r);
        tables.write(dir);
        List<String> compare = Files.readAllLines(dir.resolve(ResultTables.KERNEL_COMPARE));
        assertThat(compare.get(1)).isEqualTo("t,mas-set,2,1,real,all,,1,0,0,1,0,1,0,0,0,1,0,0,0");
        assertThat(compare).contains("t,mas-set,2,1,real,cause,anon_vma_need_differs,1,0,0,1,0,1,0,0,0,1,0,0,0");
        assertThat(compare).anyMatch(l -> l.startsWith("t,mas-set,2,1,real,thread,10,1,"));
        assertThat(Files.readAllLines(dir.resolve(ResultTables.KERNEL_DISAGREEMENTS)).get(1))
                .startsWith("t,mas-set,2,1,5,10,0x2000,anon_retry,per_vma,anon_vma_need_differs,");
        ResultTables back = ResultTables.read(dir);
        Path again = Files.createDirectory(dir.resolve("again"));
        back.write(again);
        assertThat(Files.readAllLines(again.resolve(ResultTables.KERNEL_COMPARE))).isEqualTo(compare);
    }
}
