package dev.vmalab.traces.generate;

import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.vma.Pages;
import dev.vmalab.traces.vma.Vma;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The trigger of -EAGAIN in lock_vma_under_rcu(): threads fault hot on one VMA
 * while a writer thread keeps replacing it. mprotect() of a range inside the hot
 * VMA splits it in three (the old VMA is detached and two new ones are stored);
 * mprotect() back merges them (detaching again); munmap()/mmap() of the
 * neighbours rewrite the maple-tree nodes around it. A fault that found the old
 * VMA just before it was detached is the -EAGAIN retry under study.
 * <p>Layout: {@code 2*neighbours+1} adjacent VMAs of {@code pages} pages; the hot
 * one in the middle. Adjacent VMAs alternate read-write and read-only so that they
 * never merge with each other, only the hot VMA's pieces merge back.
 */
final class VmaChurn implements WorkloadGenerator {
    static final int PID = 2000;
    private static final int RW = Vma.PROT_READ | Vma.PROT_WRITE;

    @Override
    public String name() {
        return "vma-churn";
    }

    @Override
    public String description() {
        return "mprotect splits/merges of the VMA being faulted and munmap/mmap of its neighbours, next to hot faults";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.integer("threads", 4, "faulting threads (one more thread writes)"),
                Param.integer("neighbours", 4, "VMAs on each side of the hot VMA"),
                Param.integer("pages", 64, "pages per VMA"),
                Param.integer("toggle-pages", 4, "pages whose protection a toggle changes (inside the hot VMA)"),
                Param.integer("ops", 2_000, "writer operations"),
                Param.integer("faults-per-op", 20, "faults between two writer operations"),
                Param.integer("hot-percent", 80, "share of faults that hit the hot VMA (the rest hit neighbours)"));
    }

    @Override
    public void generate(Params p, long seed, Consumer<TraceEvent> out) {
        int threads = p.integer("threads");
        int side = p.integer("neighbours");
        int pages = p.integer("pages");
        int toggle = p.integer("toggle-pages");
        if (toggle > pages - 2) {
            throw new IllegalArgumentException(name() + ": toggle-pages=" + toggle + " must be at most pages-2="
                    + (pages - 2) + " (a toggle stays inside the hot VMA)");
        }
        int hotPercent = Math.min(100, p.integer("hot-percent"));
        long length = pages * Pages.PAGE_SIZE;
        int slots = 2 * side + 1;
        int hot = side;
        long base = SyntheticTrace.MMAP_TOP - slots * length;
        long[] start = new long[slots];
        int[] prot = new int[slots];
        boolean[] mapped = new boolean[slots];

        SyntheticTrace t = new SyntheticTrace(out, new SplittableRandom(seed));
        t.startProcess(PID, name());
        int writer = PID + 1;
        for (int i = 0; i < slots; i++) {
            start[i] = base + i * length;
            prot[i] = Math.abs(i - hot) % 2 == 0 ? RW : Vma.PROT_READ;
            t.mapFixed(PID, PID, start[i], length, prot[i]);
            mapped[i] = true;
        }
        t.startThread(PID, writer, PID);
        for (int i = 1; i <= threads; i++) t.startThread(PID, writer + i, PID);

        long hole = -1; // start of the read-only piece inside the hot VMA, or -1
        for (int op = p.integer("ops"); op > 0; op--) {
            int kind = t.random().nextInt(4);
            if (kind < 2 || side == 0) {
                if (hole >= 0) {
                    t.protect(PID, writer, hole, toggle * Pages.PAGE_SIZE, RW); // merge back into one VMA
                    hole = -1;
                } else {
                    hole = start[hot] + (1 + t.random().nextInt(pages - toggle - 1)) * Pages.PAGE_SIZE;
                    t.protect(PID, writer, hole, toggle * Pages.PAGE_SIZE, Vma.PROT_READ); // split in three
                }
            } else {
                int slot = neighbour(t, hot, side);
                if (mapped[slot]) {
                    t.unmap(PID, writer, start[slot], length);
                } else {
                    t.mapFixed(PID, writer, start[slot], length, prot[slot]);
                }
                mapped[slot] = !mapped[slot];
            }
            for (int f = p.integer("faults-per-op"); f > 0; f--) {
                int tid = writer + 1 + t.random().nextInt(threads);
                int slot = t.random().nextInt(100) < hotPercent ? hot : neighbour(t, hot, side);
                if (!mapped[slot]) slot = hot;
                long page = start[slot] + t.random().nextInt(pages) * Pages.PAGE_SIZE;
                t.fault(PID, tid, page, true);
            }
        }
        for (int i = threads; i >= 1; i--) t.exitThread(PID, writer + i);
        t.exitThread(PID, writer);
        t.exitThread(PID, PID);
    }

    private static int neighbour(SyntheticTrace t, int hot, int side) {
        if (side == 0) return hot;
        int d = 1 + t.random().nextInt(side);
        return t.random().nextBoolean() ? hot - d : hot + d;
    }
}
