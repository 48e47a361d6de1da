package dev.vmalab.traces.vma;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VmaSetTest {
    private static final long A = 0x7f00_0000_0000L;
    private static final long P = Pages.PAGE_SIZE;
    private static final int RW = Vma.PROT_READ | Vma.PROT_WRITE;

    private static VmaSet oneAnon(long pages) {
        VmaSet s = new VmaSet();
        s.map(new Vma(A, A + pages * P, RW, Vma.MAP_PRIVATE | Vma.MAP_ANONYMOUS, "", 0, Vma.Origin.SYSCALL));
        return s;
    }

    @Test
    void mprotectInsideAVmaSplitsItInThreeAndBackMergesIt() {
        VmaSet s = oneAnon(16);
        s.protect(A + 4 * P, 4 * P, Vma.PROT_READ);
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.find(A + 5 * P).prot()).isEqualTo(Vma.PROT_READ);
        assertThat(s.find(A + 9 * P).prot()).isEqualTo(RW);
        s.protect(A + 4 * P, 4 * P, RW);
        assertThat(s.count()).isEqualTo(1);
        assertThat(s.find(A)).isEqualTo(new Vma(A, A + 16 * P, RW, Vma.MAP_PRIVATE | Vma.MAP_ANONYMOUS, "", 0,
                Vma.Origin.SYSCALL));
    }

    @Test
    void munmapOfTheMiddleLeavesTwoAndRoundsTheLengthUpToPages() {
        VmaSet s = oneAnon(16);
        s.unmap(A + 4 * P, 3 * P + 1);
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.find(A + 7 * P)).isNull();
        assertThat(s.find(A + 8 * P)).isNotNull();
    }

    @Test
    void fileMappingsMergeOnlyWhenOffsetsAreContiguous() {
        VmaSet s = new VmaSet();
        s.map(new Vma(A, A + P, Vma.PROT_READ, Vma.MAP_PRIVATE, "/lib/x", 0, Vma.Origin.SYSCALL));
        s.map(new Vma(A + P, A + 2 * P, Vma.PROT_READ, Vma.MAP_PRIVATE, "/lib/x", 5 * P, Vma.Origin.SYSCALL));
        assertThat(s.count()).isEqualTo(2);
        s.map(new Vma(A + 2 * P, A + 3 * P, Vma.PROT_READ, Vma.MAP_PRIVATE, "/lib/x", 6 * P, Vma.Origin.SYSCALL));
        assertThat(s.count()).isEqualTo(2);
    }

    @Test
    void mremapMovesTheRangeAndItsAttributes() {
        VmaSet s = oneAnon(4);
        long to = A + 0x100000;
        s.remap(A, 4 * P, to, 8 * P, false);
        assertThat(s.find(A)).isNull();
        assertThat(s.find(to + 7 * P)).isNotNull();
        assertThat(s.find(to).prot()).isEqualTo(RW);
    }

    @Test
    void mapOverAnExistingRangeReplacesIt() {
        VmaSet s = oneAnon(8);
        s.map(new Vma(A + 2 * P, A + 4 * P, Vma.PROT_READ, Vma.MAP_PRIVATE | Vma.MAP_ANONYMOUS, "", 0,
                Vma.Origin.SYSCALL));
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.find(A + 3 * P).prot()).isEqualTo(Vma.PROT_READ);
    }

    @Test
    void copyIsIndependentOfTheOriginal() {
        VmaSet s = oneAnon(8);
        VmaSet child = s.copy();
        child.unmap(A, 8 * P);
        assertThat(s.count()).isEqualTo(1);
        assertThat(child.isEmpty()).isTrue();
    }
}
