package dev.vmalab.model.retry;

import dev.vmalab.model.ops.Madvise;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.VmaFlags;
import java.util.List;
import java.util.function.Consumer;

/**
 * The retry matrix's rows: each way a writer can make the VMA a fault found stale.
 * Every scenario starts from the same address space, in pages from {@link #BASE}:
 * L [0,2) r file 1, P [2,4) rw anon, V [4,12) r anon, H [14,16) r file 2; the fault is
 * in V (page given per row) and the writer's syscall runs whole between the reader's
 * mas_walk() (which found V) and its vma_start_read(). Grace periods are strict (the
 * nodes the writer freed are freed before the retry walks) except in node-not-freed.
 * A shape row's kind is its own name: traces' ExposureKind names the same rows ({@code row()}),
 * so a trace's exposure by kind weights them; reuse and grace are conditions no trace shows.
 */
public final class Scenarios {
    public static final long PAGE = 4096;
    public static final long BASE = 0x7f00_0000_0000L;
    private static final int RO = VmaFlags.READ;
    private static final int RW = VmaFlags.READ | VmaFlags.WRITE;

    private Scenarios() {}

    static long page(long n) {
        return BASE + n * PAGE;
    }

    private static void layout(Scenario.Mms m) {
        Mm mm = m.mm();
        map(mm, 0, 2, RO, 1);
        map(mm, 2, 2, RW, 0);
        map(mm, 4, 8, RO, 0);
        map(mm, 14, 2, RO, 2);
    }

    private static void map(Mm mm, long firstPage, long pages, int prot, long file) {
        long r = MapOps.mmap(mm, page(firstPage), pages * PAGE, prot, file, firstPage, true);
        if (r != page(firstPage)) throw new IllegalStateException("scenario set-up: mmap failed: " + r);
    }

    private static Scenario of(String name, String kind, String description, long faultPage, Consumer<Scenario.Mms> change) {
        return new Scenario(name, kind, description, GracePeriods.STRICT, page(faultPage), Scenarios::layout, change);
    }

    /** Every built-in scenario, in the order the matrix prints them. */
    public static List<Scenario> all() {
        return List.of(
                of("munmap-below", "munmap-below", "munmap [4,7), fault at 9: V is removed, a new VMA keeps [7,12)", 9,
                        m -> MapOps.munmap(m.mm(), page(4), 3 * PAGE)),
                of("munmap-above", "munmap-above", "munmap [10,12), fault at 7: V is removed, a new VMA keeps [4,10)", 7,
                        m -> MapOps.munmap(m.mm(), page(10), 2 * PAGE)),
                of("munmap-around", "munmap-around", "munmap [8,10), fault at 9: the fault's page is gone", 9,
                        m -> MapOps.munmap(m.mm(), page(8), 2 * PAGE)),
                of("map-fixed-over", "map-fixed-over", "MAP_FIXED rw anon over [4,12), fault at 9: V replaced by a new VMA", 9,
                        m -> MapOps.mmap(m.mm(), page(4), 8 * PAGE, RW | VmaFlags.EXEC, 0, 0, true)),
                of("map-fixed-below", "map-fixed-below", "MAP_FIXED r-x over [4,7), fault at 9: V removed, [7,12) a new VMA", 9,
                        m -> MapOps.mmap(m.mm(), page(4), 3 * PAGE, RO | VmaFlags.EXEC, 0, 0, true)),
                of("map-fixed-above", "map-fixed-above", "MAP_FIXED r-x over [10,12), fault at 7: V removed, [4,10) a new VMA", 7,
                        m -> MapOps.mmap(m.mm(), page(10), 2 * PAGE, RO | VmaFlags.EXEC, 0, 0, true)),
                of("mprotect-split-low", "mprotect-split-low", "mprotect [4,6) rw, fault at 9: [4,6) merges into P, V shrinks to [6,12) in place", 9,
                        m -> MapOps.mprotect(m.mm(), page(4), 2 * PAGE, RW)),
                of("mprotect-split-high", "mprotect-split-high", "mprotect [10,12) rw, fault at 7: a new VMA takes [4,10), V keeps [10,12) in place", 7,
                        m -> MapOps.mprotect(m.mm(), page(10), 2 * PAGE, RW)),
                of("mremap-move", "mremap-move", "mremap V [4,12) to [20,28), fault at 9: nothing left at the address", 9,
                        m -> MapOps.mremap(m.mm(), page(4), 8 * PAGE, 8 * PAGE, page(20))),
                of("mremap-grow", "mremap-grow", "mremap V [4,12) to [4,14) in place, fault at 9: V grows in place", 9,
                        m -> MapOps.mremap(m.mm(), page(4), 8 * PAGE, 10 * PAGE, page(4))),
                of("merge-neighbour", "merge-neighbour", "mprotect V rw, fault at 9: V merges into P [2,12), V removed", 9,
                        m -> MapOps.mprotect(m.mm(), page(4), 8 * PAGE, RW)),
                of("madvise-split", "madvise-split", "madvise [8,10) DONTDUMP, fault at 5: V keeps [8,10), new VMAs around", 5,
                        m -> MapOps.madvise(m.mm(), page(8), 2 * PAGE, Madvise.MADV_DONTDUMP)),
                of("reused-by-other-mm", "reuse", "munmap V, another mm maps: V's memory (SLAB_TYPESAFE_BY_RCU) now its", 9,
                        m -> {
                            MapOps.munmap(m.mm(), page(4), 8 * PAGE);
                            map(m.other(), 4, 8, RW, 0);
                        }),
                of("node-freed", "grace", "munmap [4,7), fault at 9, grace period elapsed: the old leaf is freed", 9,
                        m -> MapOps.munmap(m.mm(), page(4), 3 * PAGE)),
                new Scenario("node-not-freed", "grace", "munmap [4,7), fault at 9, no grace period yet: old leaf dead, not freed",
                        GracePeriods.LAZY, page(9), Scenarios::layout, m -> MapOps.munmap(m.mm(), page(4), 3 * PAGE)));
    }
}
