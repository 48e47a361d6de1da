package dev.vmalab.replay.engine;

import dev.vmalab.model.ops.Madvise;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.sched.Scheduling;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaFlags;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * --contention's writer: while the cell's -EAGAIN rate is below its target, it changes the
 * VMA the faults hit last in turn by three of the retry matrix's scenario kinds, each done
 * and undone: MAP_FIXED over the VMA's first page below the fault (map-fixed-below: the
 * old vm_start lands in another VMA), the same over its last page above the fault, and a
 * madvise split of the fault's page (madvise-split; its merge back detaches). Access rights
 * never change (the flag flipped is VM_DONTDUMP), so no fault's outcome changes.
 * Simplification: a MAP_FIXED piece of anonymous memory comes back without its anon_vma
 * (the model keeps no page contents), so a later write fault there prepares one (a fallback,
 * alike for every strategy).
 */
final class ContentionChurn implements Runnable {
    private static final long PAGE = 4096;
    private final CellContext c;
    private final AtomicInteger running;
    private final ContentionRate rate;
    private int step;

    ContentionChurn(CellContext c, AtomicInteger running, ContentionRate rate) {
        this.c = c;
        this.running = running;
        this.rate = rate;
    }

    @Override
    public void run() {
        ContentionWindow.CHURN_THREAD.set(true);
        Scheduling scheduling = c.kernel().scheduling();
        while (running.get() > 0) {
            int space = c.hot().space();
            if (space < 0 || !rate.below()) {
                scheduling.waitTurn();
                continue;
            }
            Mm mm = c.spaces().await(space, scheduling);
            change(mm, c.hot().address() & -PAGE, step++ % 3);
            if (running.get() > 0) scheduling.waitTurn();
        }
    }

    private void change(Mm mm, long page, int kind) {
        Task t = mm.kernel().rcu().current();
        mm.mmapReadLock(t);
        Vma v = mm.vmaLookup(page);
        long start = v == null ? 0 : v.start();
        long end = v == null ? 0 : v.end();
        int flags = v == null ? 0 : v.flags();
        long file = v == null ? 0 : v.file();
        long pgoff = v == null ? 0 : v.pgoff();
        mm.mmapReadUnlock(t);
        if (v == null || (flags & VmaFlags.GROWSDOWN) != 0) return; // a stack grows: leave it whole
        Scheduling scheduling = mm.kernel().scheduling();
        switch (kind) {
            case 0 -> { // map-fixed-below
                if (page < start + PAGE) return;
                flip(mm, start, flags, file, pgoff, scheduling);
            }
            case 1 -> { // map-fixed-above
                if (page + PAGE >= end) return;
                flip(mm, end - PAGE, flags, file, pgoff + (end - PAGE - start) / PAGE, scheduling);
            }
            default -> { // madvise-split
                MapOps.madvise(mm, page, PAGE, Madvise.MADV_DONTDUMP);
                scheduling.waitTurn();
                MapOps.madvise(mm, page, PAGE, Madvise.MADV_DODUMP);
            }
        }
    }

    /** MAP_FIXED one page with VM_DONTDUMP flipped, let readers meet it, then map it back as it was. */
    private static void flip(Mm mm, long at, int flags, long file, long pgoff, Scheduling scheduling) {
        MapOps.mmap(mm, at, PAGE, flags ^ VmaFlags.DONTDUMP, file, pgoff, true);
        scheduling.waitTurn();
        MapOps.mmap(mm, at, PAGE, flags, file, pgoff, true);
    }
}
