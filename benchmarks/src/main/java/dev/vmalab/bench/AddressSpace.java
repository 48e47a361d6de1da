package dev.vmalab.bench;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.maple.MapleTree;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.VmaFlags;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.TreeMap;

/**
 * A synthetic address space shared by the benchmarks: {@code n} anonymous VMAs
 * of 3 to 64 pages, each after a gap of 3 to 16 pages (so no two merge, and
 * every VMA can be split in three), from a PIE-like base upwards. Seeded: the
 * same {@code n} gives the same layout in every benchmark and every run.
 * Every lookup address hits a VMA (faults hit mapped memory); the gaps are in
 * the tree as empty ranges, as in an mm's maple tree.
 */
public final class AddressSpace {
    public static final long PAGE = 4096;
    static final long BASE = 0x5555_0000_0000L;
    /** Addresses per precomputed array: a power of two, far more than a benchmark batch. */
    public static final int ADDRESSES = 1 << 16;
    /** Lookups per benchmark invocation (@OperationsPerInvocation). */
    public static final int BATCH = 1024;

    /** One VMA's range [start, end): the entry every structure stores, so all return the same objects. */
    public record Range(long start, long end) {
        public boolean contains(long a) {
            return a >= start && a < end;
        }
    }

    private final Range[] ranges;

    private AddressSpace(Range[] ranges) {
        this.ranges = ranges;
    }

    public static AddressSpace of(int n) {
        SplittableRandom rnd = new SplittableRandom(0x5eed_0000L + n);
        Range[] r = new Range[n];
        long pos = BASE;
        for (int i = 0; i < n; i++) {
            long start = pos + (3 + rnd.nextInt(14)) * PAGE;
            long end = start + (3 + rnd.nextInt(62)) * PAGE;
            r[i] = new Range(start, end);
            pos = end;
        }
        return new AddressSpace(r);
    }

    public int size() {
        return ranges.length;
    }

    public Range range(int i) {
        return ranges[i];
    }

    /**
     * {@link #ADDRESSES} lookup addresses. {@code random}: a uniformly chosen
     * VMA and a random byte in it. {@code sequential}: VMA 0, 1, 2, ... in
     * address order (wrapping), a random byte in each, like a linear scan.
     */
    public long[] addresses(String order, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] a = new long[ADDRESSES];
        for (int i = 0; i < a.length; i++) {
            Range r = ranges[switch (order) {
                case "random" -> rnd.nextInt(ranges.length);
                case "sequential" -> i % ranges.length;
                default -> throw new IllegalArgumentException("order must be random or sequential: " + order);
            }];
            a[i] = r.start + rnd.nextLong(r.end - r.start);
        }
        return a;
    }

    /** A bare maple tree holding the ranges (the gaps stay empty). */
    public MapleTree mapleTree(Kernel kernel) {
        MapleTree tree = new MapleTree(kernel, 1);
        Task t = kernel.rcu().current();
        t.mmapLockAcquired(); // this thread is the writer while it builds the tree
        try {
            for (Range r : ranges) tree.store(r.start, r.end - 1, r);
        } finally {
            t.mmapLockReleased();
        }
        tree.verify();
        return tree;
    }

    /** An mm with one anonymous read-write VMA per range, mapped through mmap() as a process would. */
    public Mm mm(Kernel kernel) {
        Mm mm = new Mm(kernel);
        for (Range r : ranges) {
            long got = MapOps.mmap(mm, r.start, r.end - r.start, VmaFlags.READ | VmaFlags.WRITE, 0, 0, false);
            if (got != r.start) throw new IllegalStateException("mmap " + r + " returned " + got);
        }
        return mm;
    }

    public ConcurrentSkipListMap<Long, Range> skipList() {
        ConcurrentSkipListMap<Long, Range> m = new ConcurrentSkipListMap<>();
        for (Range r : ranges) m.put(r.start, r);
        return m;
    }

    public TreeMap<Long, Range> treeMap() {
        TreeMap<Long, Range> m = new TreeMap<>();
        for (Range r : ranges) m.put(r.start, r);
        return m;
    }
}
