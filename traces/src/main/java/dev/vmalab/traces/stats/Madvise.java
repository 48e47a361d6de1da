package dev.vmalab.traces.stats;

/** madvise() advices (include/uapi/asm-generic/mman-common.h) and whether they rewrite VMAs. */
final class Madvise {
    private Madvise() {}

    /**
     * Advices that change vm_flags, so the kernel splits or merges VMAs under the
     * mmap write lock (madvise_update_vma): NORMAL 0, RANDOM 1, SEQUENTIAL 2,
     * DONTFORK 10, DOFORK 11, MERGEABLE 12, UNMERGEABLE 13, HUGEPAGE 14,
     * NOHUGEPAGE 15, DONTDUMP 16, DODUMP 17, WIPEONFORK 18, KEEPONFORK 19.
     * Others (DONTNEED, FREE, WILLNEED, COLD, PAGEOUT, ...) leave the VMAs as they are.
     */
    static boolean changesVmas(int advice) {
        return advice == 0 || advice == 1 || advice == 2 || (advice >= 10 && advice <= 19);
    }
}
