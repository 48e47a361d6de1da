package dev.vmalab.traces.vma;

/**
 * One mapping as the importer, the generators and the statistics track it: the
 * range [start, end), protection (PROT_* bits), mmap flags (MAP_* bits), a name
 * (path, {@code [stack]}, {@code fd:N}, or empty for anonymous memory), the file
 * offset in bytes, and where the mapping came from.
 */
public record Vma(long start, long end, int prot, int flags, String name, long offset, Origin origin) {
    /** How a mapping came to exist. */
    public enum Origin {
        /** A traced syscall (mmap, mremap, brk). */
        SYSCALL,
        /** Made by exec or the loader without a traced syscall ({@code PERF_RECORD_MMAP2}). */
        EXEC,
        /** Deduced from faults that hit no known mapping. */
        INFERRED
    }

    public static final int MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_ANONYMOUS = 0x20;
    public static final int PROT_READ = 0x1, PROT_WRITE = 0x2, PROT_EXEC = 0x4;

    public Vma {
        if (start >= end) throw new IllegalArgumentException("empty or inverted range " + start + ".." + end);
    }

    public long length() {
        return end - start;
    }

    public boolean contains(long address) {
        return address >= start && address < end;
    }

    public boolean anonymous() {
        return (flags & MAP_ANONYMOUS) != 0;
    }

    /** The part of this mapping in [from, to), with the file offset moved along. */
    Vma slice(long from, long to) {
        long s = Math.max(start, from);
        long e = Math.min(end, to);
        return new Vma(s, e, prot, flags, name, anonymous() ? offset : offset + (s - start), origin);
    }

    Vma withProt(int newProt) {
        return new Vma(start, end, newProt, flags, name, offset, origin);
    }

    Vma movedTo(long newStart, long newLength) {
        return new Vma(newStart, newStart + newLength, prot, flags, name, offset, origin);
    }

    /** Whether the kernel would merge {@code next} into this one (vma_merge: same attributes, file offsets contiguous). */
    boolean mergeableWith(Vma next) {
        return end == next.start && prot == next.prot && flags == next.flags && name.equals(next.name)
                && origin == next.origin && (anonymous() || offset + length() == next.offset);
    }
}
