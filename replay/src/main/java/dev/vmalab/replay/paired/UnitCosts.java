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
 * @param nsPerNodeRead the marginal cost of a node: (walk time in a deep tree - in a one-node tree) / (nodes - nodes)
 * @param nsPerFallback one fault handled under mmap_read_lock (lock_mm_and_find_vma(), the model's FaultPath):
 *                      what an abort adds to a lookup that would otherwise have succeeded
 */
public record UnitCosts(double nsPerNodeRead, double nsPerFallback, String source) {
    private static final int SMALL = 8;
    private static final int LARGE = 4096;
    private static final int ROUNDS = 20_000;
    private static final int REPS = 7;
    private static final long BASE = 0x7f00_0000_0000L;

    public static UnitCosts measure() {
        Tree small = new Tree(SMALL);
        Tree large = new Tree(LARGE);
        SplittableRandom rnd = new SplittableRandom(1);
        LookupStrategy locked = StrategyRegistry.standard().get("mmap-lock-only");
        small.walks(rnd, ROUNDS); // warm-up
        large.walks(rnd, ROUNDS);
        large.faults(locked, rnd, ROUNDS);
        // the fastest of several short repetitions: other work on the machine only ever adds time
        double[] s = {Double.MAX_VALUE, 0};
        double[] l = {Double.MAX_VALUE, 0};
        double perFallback = Double.MAX_VALUE;
        for (int rep = 0; rep < REPS; rep++) {
            s = faster(s, small.walks(rnd, ROUNDS));
            l = faster(l, large.walks(rnd, ROUNDS));
            long f0 = System.nanoTime();
            large.faults(locked, rnd, ROUNDS);
            perFallback = Math.min(perFallback, (double) (System.nanoTime() - f0) / ROUNDS);
        }
        // the marginal cost of a node: the deeper tree's extra time over its extra nodes
        double perNode = Math.max(0, (l[0] - s[0]) / (l[1] - s[1]));
        return new UnitCosts(perNode, perFallback, "model (Java, this JVM, measured after the replay: fastest of "
                + REPS + " x " + ROUNDS + " walks of a " + SMALL + "- and a " + LARGE
                + "-VMA tree, and of mmap_lock faults); not the kernel's");
    }

    private static double[] faster(double[] a, double[] b) {
        return b[0] < a[0] ? b : a;
    }

    /** A tree of {@code vmas} one-page VMAs with holes between (no merges). */
    private static final class Tree {
        final Mm mm;
        final Task t;
        final int vmas;

        Tree(int vmas) {
            Kernel kernel = Kernel.builder().build();
            this.mm = new Mm(kernel);
            this.vmas = vmas;
            for (int i = 0; i < vmas; i++) MapOps.mmap(mm, BASE + i * 2L * 4096, 4096, VmaFlags.READ, 0, 0, true);
            this.t = kernel.rcu().current();
        }

        /** {mean ns per walk, mean nodes per walk}. */
        double[] walks(SplittableRandom rnd, int n) {
            long sink = 0;
            long nodes0 = t.nodesRead();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long a = BASE + rnd.nextInt(vmas) * 2L * 4096;
                mm.kernel().rcu().readLock(t);
                Object v = mm.tree().cursor(a, a).walk();
                mm.kernel().rcu().readUnlock(t);
                if (v != null) sink++;
            }
            long ns = System.nanoTime() - t0;
            if (sink < 0) throw new AssertionError();
            return new double[] {(double) ns / n, (double) (t.nodesRead() - nodes0) / n};
        }

        void faults(LookupStrategy s, SplittableRandom rnd, int n) {
            VmaLockStats stats = new VmaLockStats();
            for (int i = 0; i < n; i++) FaultPath.fault(s, mm, BASE + rnd.nextInt(vmas) * 2L * 4096, false, false, stats);
        }
    }
}
