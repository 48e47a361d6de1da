package dev.vmalab.replay.engine;

import dev.vmalab.model.ops.Madvise;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaFlags;
import dev.vmalab.model.vma.VmaWriter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * --contention's writer: changes the VMA a fault has just found, by one of the retry
 * matrix's scenario kinds in turn, so that the fault's vma_start_read() meets a detached
 * VMA: MAP_FIXED over the VMA's first page below the fault (map-fixed-below: the old
 * vm_start lands in another VMA), over its last page above the fault (map-fixed-above),
 * over the fault's own page (map-fixed-over), or a madvise split around the fault's page
 * (madvise-split). The next change first undoes the last one (maps the page back as it
 * was, which merges it again), if the trace has not changed that range since. Access rights
 * never change (the flag flipped is VM_DONTDUMP), so no fault's outcome changes.
 * The model keeps no page contents, so mapping a page over and back loses nothing.
 */
final class ContentionWriter {
    private static final long PAGE = 4096;

    private record Undo(Mm mm, long start, int flags, long file, long pgoff, long anonVma, boolean madvise) {}

    /** One change at a time; a fault that finds the writer busy goes on unchanged (never blocks: a deterministic scheduler must not). */
    private final AtomicBoolean busy = new AtomicBoolean();
    private Undo pending;
    private int step;

    /** Called by the faulting thread at vma_start_read(), RCU held, nothing else locked. */
    void change(Mm mm, long address) {
        if (!busy.compareAndSet(false, true)) return;
        try {
            changeAlone(mm, address);
        } finally {
            busy.set(false);
        }
    }

    private void changeAlone(Mm mm, long address) {
        undo();
        long page = address & -PAGE;
        Task t = mm.kernel().rcu().current();
        mm.mmapReadLock(t);
        Vma v = mm.vmaLookup(page);
        long start = v == null ? 0 : v.start();
        long end = v == null ? 0 : v.end();
        int flags = v == null ? 0 : v.flags();
        long file = v == null ? 0 : v.file();
        long pgoff = v == null ? 0 : v.pgoff();
        long anon = v == null ? 0 : v.anonVma();
        mm.mmapReadUnlock(t);
        if (v == null || (flags & VmaFlags.GROWSDOWN) != 0) return; // no VMA, or a stack (it grows): leave it
        for (int tries = 0; tries < 4; tries++) {
            switch (step++ % 4) {
                case 0 -> { // map-fixed-below
                    if (page < start + PAGE) continue;
                    flip(mm, start, flags, file, pgoff, anon);
                }
                case 1 -> { // map-fixed-above
                    if (page + PAGE >= end) continue;
                    flip(mm, end - PAGE, flags, file, pgoff + (end - PAGE - start) / PAGE, anon);
                }
                case 2 -> flip(mm, page, flags, file, pgoff + (page - start) / PAGE, anon); // map-fixed-over
                default -> { // madvise-split
                    MapOps.madvise(mm, page, PAGE, Madvise.MADV_DONTDUMP);
                    pending = new Undo(mm, page, flags ^ VmaFlags.DONTDUMP, 0, 0, 0, true);
                }
            }
            return;
        }
    }

    private void flip(Mm mm, long at, int flags, long file, long pgoff, long anonVma) {
        MapOps.mmap(mm, at, PAGE, flags ^ VmaFlags.DONTDUMP, file, pgoff, true);
        keepAnonVma(mm, at, anonVma);
        pending = new Undo(mm, at, flags, file, pgoff, anonVma, false);
    }

    /**
     * Simplification: the page mapped over keeps the old VMA's anon_vma (a real MAP_FIXED
     * would start without one), so the sweep adds no anon_vma_prepare() fallbacks of its own.
     */
    private static void keepAnonVma(Mm mm, long at, long anonVma) {
        if (anonVma == 0) return;
        Task t = mm.kernel().rcu().current();
        mm.mmapWriteLock(t);
        try {
            Vma v = mm.vmaLookup(at);
            if (v != null && v.anonVma() == 0) VmaWriter.setAnonVma(v, anonVma);
        } finally {
            mm.mmapWriteUnlock(t);
        }
    }

    /** Puts the last changed page back, if it is still as the change left it. */
    private void undo() {
        Undo u = pending;
        pending = null;
        if (u == null) return;
        Task t = u.mm().kernel().rcu().current();
        u.mm().mmapReadLock(t);
        Vma v = u.mm().vmaLookup(u.start());
        int want = u.madvise() ? u.flags() : u.flags() ^ VmaFlags.DONTDUMP;
        boolean intact = v != null && v.flags() == want && (u.madvise() || (v.start() == u.start() && v.end() == u.start() + PAGE));
        u.mm().mmapReadUnlock(t);
        if (!intact) return;
        if (u.madvise()) MapOps.madvise(u.mm(), u.start(), PAGE, Madvise.MADV_DODUMP);
        else {
            MapOps.mmap(u.mm(), u.start(), PAGE, u.flags(), u.file(), u.pgoff(), true);
            keepAnonVma(u.mm(), u.start(), u.anonVma());
        }
    }
}
