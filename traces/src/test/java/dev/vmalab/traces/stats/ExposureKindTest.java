package dev.vmalab.traces.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.traces.event.AdviseEvent;
import dev.vmalab.traces.event.BrkEvent;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.ProcessStart;
import dev.vmalab.traces.event.ProtectEvent;
import dev.vmalab.traces.event.RemapEvent;
import dev.vmalab.traces.event.ThreadStart;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.event.UnmapEvent;
import dev.vmalab.traces.stats.ExposureClassifier.Change;
import dev.vmalab.traces.stats.ExposureClassifier.Range;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The race exposure by kind, on hand-built event pairs: thread 2's syscall at 1 ms, thread 1's
 * fault 50 us later. The layout is the retry matrix's (tree-impls Scenarios), in pages:
 * L [0,2) r file, P [2,4) rw anon, V [4,12) r anon, H [14,16) r file. Kernel paths are 6.18's
 * (mm/vma.c, mm/mremap.c, mm/mmap.c), as the matrix rows cite them.
 */
class ExposureKindTest {
    private static final long BASE = 0x7f00_0000_0000L;
    private static final long PAGE = 4096;
    private static final int R = 1;
    private static final int RW = 3;
    private static final int RX = 5;
    private static final int ANON = 0x22;
    private static final int FIXED_ANON = 0x32;
    private static final int FILE = 0x02;

    private static long page(long n) {
        return BASE + n * PAGE;
    }

    private static ExposureKind kindOf(TraceEvent change, long faultPage) {
        List<TraceEvent> events = new ArrayList<>(List.of(
                new ProcessStart(0, 1, 1, 1, ProcessStart.How.EXEC, "t"),
                new MapEvent(1, 1, 1, page(0), 2 * PAGE, R, FILE, 3, 0, page(0)),
                new MapEvent(2, 1, 1, page(2), 2 * PAGE, RW, ANON, -1, 0, page(2)),
                new MapEvent(3, 1, 1, page(4), 8 * PAGE, R, ANON, -1, 0, page(4)),
                new MapEvent(4, 1, 1, page(14), 2 * PAGE, R, FILE, 4, 0, page(14)),
                new ThreadStart(5, 1, 2, 1)));
        events.add(change);
        events.add(new FaultEvent(1_050_000, 1, 1, page(faultPage) + 8, 0, FaultEvent.Access.READ, 4));
        StatsReport r = TraceStats.of(events.stream(), new TraceStats.Options(1000, 100));
        assertThat(r.racyFaults()).as("exposed").isEqualTo(1);
        assertThat(r.exposureByKind().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
        return r.exposureByKind().keySet().iterator().next();
    }

    private static final long T = 1_000_000;

    @Test
    void munmapBelowAboveAndAroundTheAddress() {
        // vms_gather_munmap_vmas(): split_vma(new_below = 1) at the start, (0) at the end: V is the removed part
        assertThat(kindOf(new UnmapEvent(T, 1, 2, page(4), 3 * PAGE, 0), 9)).isEqualTo(ExposureKind.MUNMAP_BELOW);
        assertThat(kindOf(new UnmapEvent(T, 1, 2, page(10), 2 * PAGE, 0), 7)).isEqualTo(ExposureKind.MUNMAP_ABOVE);
        assertThat(kindOf(new UnmapEvent(T, 1, 2, page(8), 2 * PAGE, 0), 9)).isEqualTo(ExposureKind.MUNMAP_AROUND);
    }

    @Test
    void mapFixedOverBelowAndAbove() {
        // __mmap_region(): vms_gather_munmap_vmas() over the range first (V detached), then the new VMA
        assertThat(kindOf(new MapEvent(T, 1, 2, page(4), 8 * PAGE, RW | 4, FIXED_ANON, -1, 0, page(4)), 9))
                .isEqualTo(ExposureKind.MAP_FIXED_OVER);
        assertThat(kindOf(new MapEvent(T, 1, 2, page(4), 3 * PAGE, RX, FIXED_ANON, -1, 0, page(4)), 9))
                .isEqualTo(ExposureKind.MAP_FIXED_BELOW);
        assertThat(kindOf(new MapEvent(T, 1, 2, page(10), 2 * PAGE, RX, FIXED_ANON, -1, 0, page(10)), 7))
                .isEqualTo(ExposureKind.MAP_FIXED_ABOVE);
    }

    @Test
    void mprotectSplitsEitherSideAndMergesWholly() {
        // vma_modify(): [4,6) rw merges into P (vma_merge_existing_range(), V shrinks in place)
        assertThat(kindOf(new ProtectEvent(T, 1, 2, page(4), 2 * PAGE, RW, 0), 9)).isEqualTo(ExposureKind.MPROTECT_SPLIT_LOW);
        // split_vma(vma, start, 1): a new VMA takes [4,10), V keeps the changed [10,12)
        assertThat(kindOf(new ProtectEvent(T, 1, 2, page(10), 2 * PAGE, RW, 0), 7)).isEqualTo(ExposureKind.MPROTECT_SPLIT_HIGH);
        // [4,6) rw, fault at 5: vma_merge_existing_range() gives [4,6) to P, V shrinks to [6,12) in place (attached)
        assertThat(kindOf(new ProtectEvent(T, 1, 2, page(4), 2 * PAGE, RW, 0), 5)).isEqualTo(ExposureKind.MPROTECT_SPLIT_LOW);
        // all of V rw: vma_merge_existing_range() expands P over it and removes V
        assertThat(kindOf(new ProtectEvent(T, 1, 2, page(4), 8 * PAGE, RW, 0), 9)).isEqualTo(ExposureKind.MERGE);
        // the middle of a split is V itself (split_vma(start, 1) then split_vma(end, 0))
        assertThat(kindOf(new ProtectEvent(T, 1, 2, page(8), 2 * PAGE, RW, 0), 9)).isEqualTo(ExposureKind.IN_PLACE);
        // same flags: mprotect_fixup() returns early, nothing changes
        assertThat(kindOf(new ProtectEvent(T, 1, 2, page(4), 8 * PAGE, R, 0), 9)).isEqualTo(ExposureKind.IN_PLACE);
    }

    @Test
    void mremapMovesOrGrowsInPlace() {
        // move_vma(): copy_vma() to [20,28), then do_vmi_munmap() of the old range
        assertThat(kindOf(new RemapEvent(T, 1, 2, page(4), 8 * PAGE, 8 * PAGE, 3, page(20), page(20)), 9))
                .isEqualTo(ExposureKind.MREMAP_MOVE);
        // expand_vma_in_place() -> vma_merge_extend() -> vma_expand(): V grows, attached
        assertThat(kindOf(new RemapEvent(T, 1, 2, page(4), 8 * PAGE, 10 * PAGE, 0, 0, page(4)), 9))
                .isEqualTo(ExposureKind.MREMAP_GROW);
    }

    @Test
    void madviseSplitsTheOtherPartsOff() {
        // madvise_update_vma() -> vma_modify_flags(): V keeps [8,10), new VMAs [4,8) and [10,12)
        assertThat(kindOf(new AdviseEvent(T, 1, 2, page(8), 2 * PAGE, 16, 0), 5)).isEqualTo(ExposureKind.MADVISE_SPLIT);
        assertThat(kindOf(new AdviseEvent(T, 1, 2, page(8), 2 * PAGE, 16, 0), 9)).isEqualTo(ExposureKind.IN_PLACE);
    }

    @Test
    void aNewMappingMergedOntoVGrowsItAndItsOwnPagesHadNoVma() {
        // vma_merge_new_range(): the new r anon [12,14) can merge with V: vma_expand() of V, in place
        MapEvent adjacent = new MapEvent(T, 1, 2, page(12), 2 * PAGE, R, ANON, -1, 0, page(12));
        assertThat(kindOf(adjacent, 9)).isEqualTo(ExposureKind.MREMAP_GROW);
        assertThat(kindOf(adjacent, 13)).isEqualTo(ExposureKind.NEW_MAPPING);
    }

    /** The heap [H, H+4p) grown by thread 1, then thread 2's brk to {@code newPages}; thread 1 faults at {@code faultPage}. */
    private static ExposureKind brkKind(long newPages, long faultPage) {
        long h = 0x5555_0000_0000L;
        List<TraceEvent> events = List.of(new ProcessStart(0, 1, 1, 1, ProcessStart.How.EXEC, "t"),
                new BrkEvent(1, 1, 1, 0, h), new BrkEvent(2, 1, 1, h + 4 * PAGE, h + 4 * PAGE), new ThreadStart(3, 1, 2, 1),
                new BrkEvent(T, 1, 2, h + newPages * PAGE, h + newPages * PAGE),
                new FaultEvent(1_050_000, 1, 1, h + faultPage * PAGE, 0, FaultEvent.Access.WRITE, 6));
        StatsReport r = TraceStats.of(events.stream(), new TraceStats.Options(1000, 100));
        assertThat(r.racyFaults()).as("exposed").isEqualTo(1);
        return r.exposureByKind().keySet().iterator().next();
    }

    @Test
    void brkGrowsTheHeapInPlaceAndShrinksItByMunmap() {
        // do_brk_flags(): "Expand the existing vma if possible" -> vma_merge_new_range(JUST_EXPAND) -> vma_expand()
        assertThat(brkKind(8, 1)).isEqualTo(ExposureKind.MREMAP_GROW);
        assertThat(brkKind(8, 5)).isEqualTo(ExposureKind.NEW_MAPPING);
        // brk() shrinking: do_vmi_align_munmap() of [newbrk, oldbrk): the heap's upper part unmapped
        assertThat(brkKind(2, 1)).isEqualTo(ExposureKind.MUNMAP_ABOVE);
    }

    @Test
    void aDetachedVmaIsNamedByWhereTheAddressAndTheOldStartLieNow() {
        Range old = new Range(100, 200);
        Change d = Change.DETACHED;
        assertThat(ExposureClassifier.classify(d, 150, old, List.of(), null)).isEqualTo(ExposureKind.MUNMAP_AROUND);
        assertThat(ExposureClassifier.classify(d, 150, old, List.of(new Range(50, 200)), null)).isEqualTo(ExposureKind.MERGE);
        assertThat(ExposureClassifier.classify(d, 150, old, List.of(new Range(100, 200)), null)).isEqualTo(ExposureKind.MAP_FIXED_OVER);
        assertThat(ExposureClassifier.classify(d, 150, old, List.of(new Range(120, 200)), null)).isEqualTo(ExposureKind.MUNMAP_BELOW);
        assertThat(ExposureClassifier.classify(d, 150, old, List.of(new Range(100, 120), new Range(120, 200)), null))
                .isEqualTo(ExposureKind.MAP_FIXED_BELOW);
        // the old vm_start decides first: a lower part replaced and the address's VMA merged with the one above
        assertThat(ExposureClassifier.classify(d, 150, old, List.of(new Range(100, 120), new Range(120, 250)), null))
                .isEqualTo(ExposureKind.MAP_FIXED_BELOW);
        assertThat(ExposureClassifier.classify(d, 110, old, List.of(new Range(100, 120), new Range(120, 200)), null))
                .isEqualTo(ExposureKind.MAP_FIXED_ABOVE);
        assertThat(ExposureClassifier.classify(d, 110, old, List.of(new Range(100, 120)), null)).isEqualTo(ExposureKind.MUNMAP_ABOVE);
    }

    @Test
    void everyShapeKindNamesAMatrixRowAndTheOthersNone() {
        for (ExposureKind k : ExposureKind.values()) {
            boolean noRetry = k == ExposureKind.NEW_MAPPING || k == ExposureKind.IN_PLACE;
            assertThat(k.row() == null).as(k.name()).isEqualTo(noRetry);
            assertThat(ExposureKind.ofLabel(k.label())).isSameAs(k);
        }
    }
}
