package dev.vmalab.nativebackend.tree;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.tree.RangeTree;
import dev.vmalab.model.tree.TreeCursor;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.nativebackend.MapleEntry;
import dev.vmalab.nativebackend.NativeMaState;
import dev.vmalab.nativebackend.NativeMapleLibrary;
import dev.vmalab.nativebackend.NativeMapleTree;

import java.util.ArrayList;
import java.util.List;

/**
 * An mm's VMA tree as the kernel's own {@code lib/maple_tree.c} (RCU mode, gap tracking, like
 * {@code mm->mm_mt}) behind the model's {@link RangeTree}. Entries are VMAs, stored as
 * {@code MapleEntry.of(vma.address())} and mapped back through the VMA slab.
 *
 * <p>Writers hold the mm's mmap_lock (the tree's own lock is taken too, uncontended). The
 * kernel code's {@code call_rcu()} of the nodes a write replaced ({@code ma_free_rcu()}) is the
 * model's: the tree is in lab mode ({@link NativeMapleTree#leaveFreesToLab()}), so after each
 * store or erase the frees it queued in C become one {@code kernel.rcu().callRcu()}, and the
 * model's grace period decides when they run, on the model thread that ends it (under a
 * deterministic scheduler: at a fixed step; with strict grace periods: as soon as no reader
 * that could hold the nodes is inside a section). The model's read sections also enter
 * liburcu's, which now only guards {@code mtree_destroy()}'s frees. With {@code strict} on, each
 * write made outside a read-side section also ends the model's due grace periods at once
 * ({@code quiescentPoint()}), for lazy grace periods.
 */
final class NativeRangeTree implements RangeTree {
    private final Kernel kernel;
    private final NativeMapleLibrary lib;
    private final NativeMapleTree mt;
    private final boolean strict;

    /** @param strict run the due frees after each write made outside a read section */
    NativeRangeTree(Kernel kernel, NativeMapleLibrary lib, boolean strict) {
        this.kernel = kernel;
        this.lib = lib;
        this.mt = lib.newTree();
        this.strict = strict;
        mt.leaveFreesToLab();
    }

    @Override
    public void store(long first, long last, Object entry) {
        if (first < 0 || last < first) throw new IllegalArgumentException("bad range [" + first + ", " + last + "]");
        long raw = entry == null ? 0 : MapleEntry.of(vma(entry).address());
        long reports = asanReports();
        int err = mt.store(first, KernelIndex.toKernel(last), raw);
        if (err != 0) throw new IllegalStateException("mtree_store_range(" + first + ", " + last + ") returned " + err);
        afterWrite(reports);
    }

    @Override
    public Object erase(long index) {
        long reports = asanReports();
        long raw = mt.erase(index);
        afterWrite(reports);
        return raw == 0 ? null : kernel.vmas().byAddress((int) MapleEntry.id(raw));
    }

    /** mtree_load() as the model's: a walk under the model's rcu_read_lock(), with the same checks as a cursor. */
    @Override
    public Object load(long index) {
        Task t = kernel.rcu().current();
        kernel.rcu().readLock(t);
        try {
            return cursor(index, index).walk();
        } finally {
            kernel.rcu().readUnlock(t);
        }
    }

    /** Writer side: the entries under liburcu's read lock (not the model's: no yield points), then the visits. */
    @Override
    public void forEach(EntryVisitor visitor) {
        List<long[]> ranges = new ArrayList<>();
        NativeMaState mas = mt.stateOnHeap(0, 0);
        lib.rcuReadLock();
        try {
            for (long e = mas.find(MAX); e != 0; e = mas.find(MAX)) ranges.add(new long[] {mas.index(), KernelIndex.fromKernel(mas.last()), e});
        } finally {
            lib.rcuReadUnlock();
        }
        for (long[] r : ranges) visitor.visit(r[0], r[1], kernel.vmas().byAddress((int) MapleEntry.id(r[2])));
    }

    @Override
    public TreeCursor cursor(long first, long last) {
        return new NativeCursor(kernel, lib, mt.stateOnHeap(first, KernelIndex.toKernel(last)));
    }

    /**
     * What the public API can show: ranges in order, not overlapping, each entry a stored VMA and
     * found again by {@code mtree_load} at both ends. (The kernel's {@code mt_validate} needs
     * CONFIG_DEBUG_MAPLE_TREE, which the library is not built with.)
     */
    @Override
    public void verify() {
        long[] prevLast = {-1};
        forEach((first, last, entry) -> {
            if (entry == null) throw new IllegalStateException("entry at [" + first + ", " + last + "] is no stored VMA");
            if (first <= prevLast[0]) throw new IllegalStateException("range [" + first + ", " + last + "] overlaps the one before");
            if (last < first) throw new IllegalStateException("range [" + first + ", " + last + "] is inverted");
            long raw = MapleEntry.of(((Vma) entry).address());
            if (mt.load(first) != raw || mt.load(last) != raw) {
                throw new IllegalStateException("mtree_load disagrees with mas_find at [" + first + ", " + last + "]");
            }
            prevLast[0] = last;
        });
    }

    /** The kernel's nodes as {@code vml_tree_shape()} lists them, ULONG_MAX read as {@link #MAX}. */
    @Override
    public long[] nodeShape() {
        long[] words = mt.shape();
        for (int i = 0; i < words.length; i += 4) {
            words[i + 2] = KernelIndex.fromKernel(words[i + 2]);
            words[i + 3] = KernelIndex.fromKernel(words[i + 3]);
        }
        return words;
    }

    /** The kernel structure, for tests. */
    NativeMapleTree mapleTree() {
        return mt;
    }

    private long asanReports() {
        return lib.asanEnabled() ? lib.asanThreadReportCount() : 0;
    }

    private void afterWrite(long asanReportsBefore) {
        if (asanReports() != asanReportsBefore) {
            // A report raised by a write is not a lookup's (ASan printed it): drop it so no walk is blamed.
            lib.takeAsanThreadReport();
        }
        // The write's call_rcu()s (lib/maple_tree.c ma_free_rcu()) as one model call_rcu(): freed
        // after the model's grace period, by the thread that ends it. Stamped after the store
        // unpublished the nodes, so every reader that may hold one is waited for.
        long frees = lib.takeDeferredFrees();
        if (frees != 0) kernel.rcu().callRcu(() -> lib.runDeferredFrees(frees));
        if (strict && !kernel.rcu().current().inRcuReadSection()) kernel.rcu().quiescentPoint();
    }

    private static Vma vma(Object entry) {
        if (entry instanceof Vma v) return v;
        throw new IllegalArgumentException("the native maple tree holds VMAs only, not " + entry.getClass().getName());
    }
}
