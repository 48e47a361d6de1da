package dev.vmalab.replay.engine;

import dev.vmalab.model.ops.Madvise;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.sched.Scheduling;
import dev.vmalab.model.vma.Mm;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * --churn: an extra writer that, while the replay workers run, splits the VMA the faults
 * hit last around one page and merges it back (madvise DONTDUMP then DODUMP: vm_flags
 * change, access rights do not). Each split detaches the VMA a reader may just have found,
 * as JIT W^X flips, guard pages and allocator trims do in real programs.
 */
final class Churn implements Runnable {
    private static final long PAGE = 4096;
    private final CellContext c;
    private final AtomicInteger running;

    /** @param running replay workers still running; the churn stops when none is */
    Churn(CellContext c, AtomicInteger running) {
        this.c = c;
        this.running = running;
    }

    @Override
    public void run() {
        Scheduling scheduling = c.kernel().scheduling();
        while (running.get() > 0) {
            int space = c.hot().space();
            if (space < 0) {
                scheduling.waitTurn();
                continue;
            }
            Mm mm = c.spaces().await(space, scheduling);
            long page = c.hot().address() & -PAGE;
            MapOps.madvise(mm, page, PAGE, Madvise.MADV_DONTDUMP);
            MapOps.madvise(mm, page, PAGE, Madvise.MADV_DODUMP);
            // let the faults move on before splitting again (the last worker may have ended meanwhile)
            if (running.get() > 0) scheduling.waitTurn();
        }
    }
}
