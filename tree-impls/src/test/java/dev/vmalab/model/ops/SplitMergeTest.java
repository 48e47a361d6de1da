package dev.vmalab.model.ops;

import static dev.vmalab.model.testing.Maps.PAGE;
import static dev.vmalab.model.testing.Maps.RO;
import static dev.vmalab.model.testing.Maps.RW;
import static dev.vmalab.model.testing.Maps.anon;
import static dev.vmalab.model.testing.Maps.layout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaFlags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked kernel cases (mm/vma.c, 6.18): the resulting VMAs, and which
 * VMA objects survive (that decides which readers get -EAGAIN).
 */
class SplitMergeTest {
    private static final long BASE = 0x7f00_0000_0000L;
    private Kernel kernel;
    private Mm mm;

    @BeforeEach
    void setUp() {
        kernel = Kernel.builder().build();
        mm = new Mm(kernel);
    }

    private Vma at(long page) {
        return (Vma) mm.tree().load(BASE + page * PAGE);
    }

    @Test
    void munmapInTheMiddleLeavesTwoNewVmasAndDetachesTheOriginal() {
        anon(mm, BASE, 10, RW);
        Vma original = at(0);
        assertThat(MapOps.munmap(mm, BASE + 3 * PAGE, 2 * PAGE)).isZero();
        assertThat(layout(mm, BASE)).isEqualTo("0-3:rw,5-10:rw");
        // __split_vma(new_below) keeps the pieces outside the range as new VMAs; the original is removed.
        assertThat(at(0)).isNotSameAs(original);
        assertThat(at(5)).isNotSameAs(original);
        assertThat(original.isAttached()).isFalse();
        assertThat(original.isFreed()).isTrue();
        assertThat(at(5).pgoff()).isEqualTo((BASE >> 12) + 5);
        mm.tree().verify();
    }

    @Test
    void mprotectOfASubRangeSplitsInThreeAndKeepsTheOriginalForTheMiddle() {
        anon(mm, BASE, 10, RW);
        Vma original = at(0);
        assertThat(MapOps.mprotect(mm, BASE + 2 * PAGE, 3 * PAGE, 1)).isZero();
        assertThat(layout(mm, BASE)).isEqualTo("0-2:rw,2-5:r-,5-10:rw");
        assertThat(at(2)).isSameAs(original);
        assertThat(original.isAttached()).isTrue();
        assertThat(at(2).pgoff()).isEqualTo((BASE >> 12) + 2);
    }

    @Test
    void mprotectBackMergesThePiecesAgain() {
        anon(mm, BASE, 10, RW);
        MapOps.mprotect(mm, BASE + 2 * PAGE, 3 * PAGE, 1);
        Vma left = at(0);
        assertThat(MapOps.mprotect(mm, BASE + 2 * PAGE, 3 * PAGE, 3)).isZero();
        assertThat(layout(mm, BASE)).isEqualTo("0-10:rw");
        assertThat(at(7)).isSameAs(left); // prev absorbs middle and next
    }

    @Test
    void mprotectOfThePrefixMovesOneBoundaryIntoThePreviousVma() {
        anon(mm, BASE, 4, RO);
        anon(mm, BASE + 4 * PAGE, 6, RW);
        Vma prev = at(0);
        Vma next = at(4);
        assertThat(MapOps.mprotect(mm, BASE + 4 * PAGE, 2 * PAGE, 1)).isZero();
        assertThat(layout(mm, BASE)).isEqualTo("0-6:r-,6-10:rw");
        assertThat(at(5)).isSameAs(prev);
        assertThat(at(6)).isSameAs(next);
    }

    @Test
    void adjacentAnonymousMappingsMerge() {
        anon(mm, BASE, 4, RW);
        Vma first = at(0);
        anon(mm, BASE + 4 * PAGE, 4, RW);
        assertThat(layout(mm, BASE)).isEqualTo("0-8:rw");
        assertThat(at(6)).isSameAs(first);
        anon(mm, BASE + 12 * PAGE, 4, RW);
        anon(mm, BASE + 8 * PAGE, 4, RW); // fills the hole: prev + new + next
        assertThat(layout(mm, BASE)).isEqualTo("0-16:rw");
    }

    @Test
    void differentProtectionsDoNotMerge() {
        anon(mm, BASE, 4, RW);
        anon(mm, BASE + 4 * PAGE, 4, RO);
        assertThat(layout(mm, BASE)).isEqualTo("0-4:rw,4-8:r-");
    }

    @Test
    void mapFixedOverSeveralVmasReplacesThemAndSplitsTheEdges() {
        anon(mm, BASE, 4, RW);
        anon(mm, BASE + 4 * PAGE, 4, RO);
        anon(mm, BASE + 8 * PAGE, 4, RW);
        Vma a = at(0);
        Vma b = at(4);
        Vma c = at(8);
        assertThat(MapOps.mmap(mm, BASE + 2 * PAGE, 8 * PAGE, 4 | 1, 0, 0, true)).isEqualTo(BASE + 2 * PAGE);
        assertThat(layout(mm, BASE)).isEqualTo("0-2:rw,2-10:r-,10-12:rw");
        assertThat(a.isFreed()).isTrue();
        assertThat(b.isFreed()).isTrue();
        assertThat(c.isFreed()).isTrue();
        mm.tree().verify();
    }

    @Test
    void mapWithoutFixedOverAMappingIsRefused() {
        anon(mm, BASE, 4, RW);
        assertThat(MapOps.mmap(mm, BASE + PAGE, PAGE, RW, 0, 0, false)).isEqualTo(Errno.EEXIST);
    }

    @Test
    void mremapGrowsInPlaceWhenTheSpaceAfterIsFree() {
        anon(mm, BASE, 4, RW);
        Vma v = at(0);
        assertThat(MapOps.mremap(mm, BASE, 4 * PAGE, 8 * PAGE, BASE)).isEqualTo(BASE);
        assertThat(layout(mm, BASE)).isEqualTo("0-8:rw");
        assertThat(at(7)).isSameAs(v);
    }

    @Test
    void mremapGrowRefusedInPlaceWhenTheNextVmaIsInTheWay() {
        anon(mm, BASE, 4, RW);
        anon(mm, BASE + 5 * PAGE, 1, RO);
        assertThat(MapOps.mremap(mm, BASE, 4 * PAGE, 8 * PAGE, BASE)).isEqualTo(Errno.ENOMEM);
    }

    @Test
    void mremapMoveCopiesTheVmaAndUnmapsTheOldRange() {
        anon(mm, BASE, 4, RW);
        Vma old = at(0);
        long dest = BASE + 100 * PAGE;
        assertThat(MapOps.mremap(mm, BASE, 4 * PAGE, 6 * PAGE, dest)).isEqualTo(dest);
        assertThat(layout(mm, BASE)).isEqualTo("100-106:rw");
        assertThat(old.isFreed()).isTrue();
        // The moved anonymous VMA keeps its file offset (pgoff of the old place): it cannot merge by pgoff.
        assertThat(at(100).pgoff()).isEqualTo(BASE >> 12);
    }

    @Test
    void mremapShrinkUnmapsTheTail() {
        anon(mm, BASE, 8, RW);
        assertThat(MapOps.mremap(mm, BASE, 8 * PAGE, 3 * PAGE, BASE)).isEqualTo(BASE);
        assertThat(layout(mm, BASE)).isEqualTo("0-3:rw");
    }

    @Test
    void brkGrowsTheHeapVmaInPlaceAndShrinksByUnmapping() {
        mm.setBrkBase(BASE);
        assertThat(MapOps.brk(mm, BASE + 3 * PAGE)).isEqualTo(BASE + 3 * PAGE);
        Vma heap = at(0);
        assertThat(MapOps.brk(mm, BASE + 5 * PAGE + 100)).isEqualTo(BASE + 5 * PAGE + 100);
        assertThat(layout(mm, BASE)).isEqualTo("0-6:rw");
        assertThat(at(5)).isSameAs(heap);
        assertThat(MapOps.brk(mm, BASE + 2 * PAGE)).isEqualTo(BASE + 2 * PAGE);
        assertThat(layout(mm, BASE)).isEqualTo("0-2:rw");
    }

    @Test
    void madviseDontforkSplitsLikeAFlagChangeAndDontneedChangesNoVma() {
        anon(mm, BASE, 6, RW);
        assertThat(MapOps.madvise(mm, BASE + 2 * PAGE, 2 * PAGE, Madvise.MADV_DONTNEED)).isZero();
        assertThat(layout(mm, BASE)).isEqualTo("0-6:rw");
        assertThat(MapOps.madvise(mm, BASE + 2 * PAGE, 2 * PAGE, Madvise.MADV_DONTFORK)).isZero();
        assertThat(Processes.vmas(mm)).hasSize(3);
        Mm child = Processes.fork(kernel, mm);
        assertThat(layout(child, BASE)).isEqualTo("0-2:rw,4-6:rw");
    }

    @Test
    void anonymousVmasWithDifferentAnonVmasDoNotMerge() {
        anon(mm, BASE, 4, RW);
        at(0).anonVmaPrepare(1);
        anon(mm, BASE + 8 * PAGE, 4, RW);
        at(8).anonVmaPrepare(2);
        anon(mm, BASE + 4 * PAGE, 4, RW); // can join one neighbour, not both
        assertThat(Processes.vmas(mm)).hasSize(2);
    }

    @Test
    void aNoreserveArenaAndAnAccountedMappingBesideItStayApart() {
        // glibc's arena: mmap(PROT_NONE, MAP_NORESERVE) then mprotect(RW) of its head (VM_NORESERVE, no VM_ACCOUNT);
        // an ordinary mmap(RW) just below it is accountable (VM_ACCOUNT): vm_flags differ, so no merge.
        assertThat(MapOps.mmap(mm, BASE + 4 * PAGE, 8 * PAGE, VmaFlags.NORESERVE, 0, 0, true)).isEqualTo(BASE + 4 * PAGE);
        assertThat(MapOps.mprotect(mm, BASE + 4 * PAGE, 2 * PAGE, 3)).isZero();
        assertThat(at(4).flags() & VmaFlags.ACCOUNT).as("NORESERVE never gains VM_ACCOUNT").isZero();
        anon(mm, BASE, 4, RW);
        assertThat(at(0).flags() & VmaFlags.ACCOUNT).isNotZero();
        assertThat(layout(mm, BASE)).isEqualTo("0-4:rw,4-6:rw,6-12:--");
    }

    @Test
    void mprotectToWritableChargesAMappingThatWasNeverCharged() {
        // mprotect_fixup(): a PROT_NONE private mapping turned RW gains VM_ACCOUNT, so it merges with an accounted
        // RW neighbour; turned read-only again without an anon_vma, it loses it.
        anon(mm, BASE, 4, RW);
        anon(mm, BASE + 4 * PAGE, 4, 0);
        assertThat(at(4).flags() & VmaFlags.ACCOUNT).isZero();
        assertThat(MapOps.mprotect(mm, BASE + 4 * PAGE, 4 * PAGE, 3)).isZero();
        assertThat(layout(mm, BASE)).isEqualTo("0-8:rw");
        assertThat(MapOps.mprotect(mm, BASE, 8 * PAGE, 1)).isZero();
        assertThat(at(0).flags() & VmaFlags.ACCOUNT).isZero();
    }
}
