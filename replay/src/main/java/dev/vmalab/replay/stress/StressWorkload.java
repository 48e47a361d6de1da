package dev.vmalab.replay.stress;

import dev.vmalab.replay.measure.ExcludedTime;
import dev.vmalab.model.lookup.FaultPath;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.lookup.MapsReader;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.VmaFlags;
import dev.vmalab.replay.measure.WorkerMeasures;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * The contention the seed bug needs, built directly on the model: fault threads hammer a
 * row of VMAs (one of them hot) while a writer keeps replacing them: munmap then mmap
 * again, MAP_FIXED over them, mprotect splitting a VMA in three and merging it back,
 * unmapping a VMA's head and mapping it again. Every replacement detaches the VMA a
 * reader may just have found (vma_start_read() -> -EAGAIN) and replaces the maple leaf
 * it walked. Adjacent VMAs alternate read-write and read-only so they never merge.
 */
final class StressWorkload {
    static final long BASE = 0x7f00_0000_0000L;
    static final long PAGE = 4096;
    static final int SLOTS = 8;
    static final int PAGES = 16;
    static final int HOT = 3;
    static final int HOT_PERCENT = 70;
    /** One fault thread also reads /proc/PID/maps this often (every N of its iterations): lock_next_vma(). */
    static final int MAPS_READ_EVERY = 64;

    private final Mm mm;
    private final LookupStrategy strategy;

    StressWorkload(Mm mm, LookupStrategy strategy) {
        this.mm = mm;
        this.strategy = strategy;
    }

    static long start(int slot) {
        return BASE + slot * PAGES * PAGE;
    }

    static int prot(int slot) {
        return Math.abs(slot - HOT) % 2 == 0 ? VmaFlags.READ | VmaFlags.WRITE : VmaFlags.READ;
    }

    /** Set-up, before any worker runs: every slot mapped. */
    void mapAll() {
        for (int s = 0; s < SLOTS; s++) MapOps.mmap(mm, start(s), PAGES * PAGE, prot(s), 0, 0, true);
    }

    private static int slot(SplittableRandom r) {
        return r.nextInt(100) < HOT_PERCENT ? HOT : r.nextInt(SLOTS);
    }

    /** One writer iteration: one replacement of one slot, leaving it mapped as before. */
    void writerStep(SplittableRandom r) {
        int s = slot(r);
        long at = start(s);
        long len = PAGES * PAGE;
        switch (r.nextInt(4)) {
            case 0 -> { // munmap + mmap
                MapOps.munmap(mm, at, len);
                MapOps.mmap(mm, at, len, prot(s), 0, 0, false);
            }
            case 1 -> MapOps.mmap(mm, at, len, prot(s), 0, 0, true); // MAP_FIXED replaces it
            case 2 -> { // split in three, merge back
                long mid = at + (1 + r.nextInt(PAGES - 6)) * PAGE;
                MapOps.mprotect(mm, mid, 4 * PAGE, prot(s) ^ VmaFlags.WRITE);
                MapOps.mprotect(mm, mid, 4 * PAGE, prot(s));
            }
            default -> { // unmap the head, map it again
                long head = (1 + r.nextInt(PAGES / 2)) * PAGE;
                MapOps.munmap(mm, at, head);
                MapOps.mmap(mm, at, head, prot(s), 0, 0, true);
            }
        }
    }

    /**
     * A fault thread: faults until {@code stop}; {@code readsMaps} also walks /proc/PID/maps now and then.
     * Counts into {@code m} as a replay worker does: every fault lookup with its retries and nodes
     * read, timed (under the one-at-a-time scheduler that includes other workers' turns), and the
     * maps-read steps apart.
     */
    void faultLoop(SplittableRandom r, WorkerMeasures m, boolean readsMaps, BooleanSupplier stop) {
        Task task = mm.kernel().rcu().current();
        VmaLockStats stats = m.stats;
        for (long i = 1; !stop.getAsBoolean(); i++) {
            long nodes = task.nodesRead();
            m.events++;
            if (readsMaps && i % MAPS_READ_EVERY == 0) { // the maps counters only: no vmstat in lock_next_vma()
                MapsReader.read(strategy, mm, stats, v -> { });
                continue;
            }
            int s = slot(r);
            long address = start(s) + r.nextInt(PAGES) * PAGE;
            boolean write = (prot(s) & VmaFlags.WRITE) != 0 && r.nextBoolean();
            long excluded = ExcludedTime.total();
            long t0 = System.nanoTime();
            FaultPath.fault(strategy, mm, address, write, false, stats);
            m.latency.recordValue(System.nanoTime() - t0 - (ExcludedTime.total() - excluded)); // paired capture excluded
            m.countRetries(stats.missesThisLookup);
            m.nodesRead += task.nodesRead() - nodes;
        }
    }
}
