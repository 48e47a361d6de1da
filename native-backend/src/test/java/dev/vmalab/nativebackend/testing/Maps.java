package dev.vmalab.nativebackend.testing;

import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.ops.Processes;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaFlags;
import java.util.List;
import java.util.stream.Collectors;

/** Test shorthands for building and printing address spaces (a copy of tree-impls' dev.vmalab.model.testing.Maps). */
public final class Maps {
    private Maps() {}

    public static final long PAGE = 4096;
    public static final int RW = VmaFlags.READ | VmaFlags.WRITE;
    public static final int RO = VmaFlags.READ;

    /** An anonymous private mapping of {@code pages} pages at {@code start}; asserts success. */
    public static void anon(Mm mm, long start, long pages, int prot) {
        long r = MapOps.mmap(mm, start, pages * PAGE, prot, 0, 0, true);
        if (r != start) throw new AssertionError("mmap failed: " + r);
    }

    /** "start-end:rw" for each VMA, in page numbers relative to {@code base}, comma separated. */
    public static String layout(Mm mm, long base) {
        List<Vma> vmas = Processes.vmas(mm);
        return vmas.stream().map(v -> "%d-%d:%s".formatted((v.start() - base) / PAGE, (v.end() - base) / PAGE,
                        ((v.flags() & VmaFlags.READ) != 0 ? "r" : "-") + ((v.flags() & VmaFlags.WRITE) != 0 ? "w" : "-")))
                .collect(Collectors.joining(","));
    }
}
