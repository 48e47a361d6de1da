package dev.vmalab.traces.vma;

/** x86-64 page arithmetic. */
public final class Pages {
    private Pages() {}

    public static final long PAGE_SIZE = 4096;
    /** The end of the x86-64 user address space with 4-level paging (TASK_SIZE_MAX). */
    public static final long TASK_SIZE = 0x7fff_ffff_f000L;

    public static long down(long address) {
        return address & -PAGE_SIZE;
    }

    /** PAGE_ALIGN: the kernel rounds lengths up, so munmap(addr, 0x9bf3) unmaps 10 pages. */
    public static long up(long length) {
        return (length + PAGE_SIZE - 1) & -PAGE_SIZE;
    }

    public static boolean aligned(long address) {
        return (address & (PAGE_SIZE - 1)) == 0;
    }

    public static long alignDown(long address, long granule) {
        return address & -granule;
    }
}
