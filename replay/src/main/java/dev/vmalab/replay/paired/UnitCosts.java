package dev.vmalab.replay.paired;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.lookup.FaultPath;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.VmaFlags;
import java.util.SplittableRandom;

/**
 * What one extra maple node read and one extra abort (with its mmap_lock fallback) cost,
 * to turn paired extra work into ns per fault. Measured here on the Java model, in this
 * JVM, right after the replay: a stand-in until calibration against the real kernel
 * exists (the 'calib' work), and named as such in every file that uses it.
 *
 * @param nsPerNodeRead a whole RCU walk's time divided by the nodes it read (includes the walk's fixed part: an upper bound)
 * @param nsPerFallback one fault handled under mmap_read_lock (lock_mm_and_find_vma(), the model's FaultPath):
 *                      what an abort adds to a lookup that would otherwise have succeeded
 */
public record UnitCosts(double nsPerNodeRead, double nsPerFallback, String source) {
    private static final int VMAS = 256;
    private static final int ROUNDS = 200_000;

    public static UnitCosts measure() {
        Kernel kernel = Kernel.builder().build();
        Mm mm = new Mm(kernel);
        long base = 0x7f00_0000_0000L;
        for (int i = 0; i < VMAS; i++) {
            int prot = (i & 1) == 0 ? VmaFlags.READ : VmaFlags.READ | VmaFlags.WRITE; // alternate: no merges
            MapOps.mmap(mm, base + i * 2L * 4096, 4096, prot, 0, 0, true);
        }
        Task t = kernel.rcu().current();
        SplittableRandom rnd = new SplittableRandom(1);
        walks(mm, t, base, rnd, ROUNDS / 4); // warm-up
        long nodes0 = t.nodesRead();
        long t0 = System.nanoTime();
        walks(mm, t, base, rnd, ROUNDS);
        double perNode = (double) (System.nanoTime() - t0) / Math.max(1, t.nodesRead() - nodes0);
        LookupStrategy locked = StrategyRegistry.standard().get("mmap-lock-only");
        faults(locked, mm, base, rnd, ROUNDS / 4);
        long f0 = System.nanoTime();
        faults(locked, mm, base, rnd, ROUNDS);
        double perFallback = (double) (System.nanoTime() - f0) / ROUNDS;
        return new UnitCosts(perNode, perFallback, "model (Java, this JVM, measured after the replay: " + VMAS
                + "-VMA tree, " + ROUNDS + " walks / mmap_lock faults); not the kernel's");
    }

    private static void walks(Mm mm, Task t, long base, SplittableRandom rnd, int n) {
        long sink = 0;
        for (int i = 0; i < n; i++) {
            long a = base + rnd.nextInt(VMAS) * 2L * 4096;
            mm.kernel().rcu().readLock(t);
            Object v = mm.tree().cursor(a, a).walk();
            mm.kernel().rcu().readUnlock(t);
            if (v != null) sink++;
        }
        if (sink < 0) throw new AssertionError();
    }

    private static void faults(LookupStrategy s, Mm mm, long base, SplittableRandom rnd, int n) {
        VmaLockStats stats = new VmaLockStats();
        for (int i = 0; i < n; i++) FaultPath.fault(s, mm, base + rnd.nextInt(VMAS) * 2L * 4096, false, false, stats);
    }
}
