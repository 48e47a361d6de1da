package dev.vmalab.model.ops;

/** PAGE_SIZE arithmetic (4 KiB pages, as on x86-64). */
public final class Pages {
    private Pages() {}

    public static final int SHIFT = 12;
    public static final long SIZE = 1L << SHIFT;
    public static final long MASK = ~(SIZE - 1);

    public static long alignUp(long len) {
        return (len + SIZE - 1) & MASK;
    }

    public static long alignDown(long addr) {
        return addr & MASK;
    }

    public static boolean aligned(long addr) {
        return (addr & (SIZE - 1)) == 0;
    }

    public static long count(long bytes) {
        return bytes >>> SHIFT;
    }
}
