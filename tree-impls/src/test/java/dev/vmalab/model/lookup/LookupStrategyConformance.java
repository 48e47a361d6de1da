package dev.vmalab.model.lookup;

import static dev.vmalab.model.testing.Maps.PAGE;
import static dev.vmalab.model.testing.Maps.RO;
import static dev.vmalab.model.testing.Maps.RW;
import static dev.vmalab.model.testing.Maps.anon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.check.CollectingSink;
import dev.vmalab.model.check.ViolationKind;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.sched.YieldPoint;
import dev.vmalab.model.testing.ScriptedInterleaving;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every strategy must keep, run once per strategy (one subclass
 * each, like JCTools' MpqSanityTest). The known-wrong strategy (no-reset) is
 * expected to fail the fault path's retry tests in a named way: USE_AFTER_FREE
 * or STALE_NODE (its maps reader is safe: lock_next_vma() re-sets the iterator).
 */
abstract class LookupStrategyConformance {
    static final long BASE = 0x7f00_0000_0000L;

    protected abstract LookupStrategy strategy();

    private static Kernel kernel(int quarantine, CollectingSink sink) {
        return Kernel.builder().gracePeriods(GracePeriods.STRICT).quarantine(quarantine).violations(sink).build();
    }

    // ---- sequential: equal to an oracle ----

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void sequentialFaultsAndMapsReadsMatchAPageOracle(long seed) {
        CollectingSink sink = new CollectingSink();
        Kernel kernel = kernel(64, sink);
        Mm mm = new Mm(kernel);
        TreeMap<Long, Integer> oracle = new TreeMap<>(); // page -> prot flags
        Random rnd = new Random(seed);
        VmaLockStats stats = new VmaLockStats();
        int pages = 96;
        for (int op = 0; op < 400; op++) {
            long first = rnd.nextInt(pages);
            long count = 1 + rnd.nextInt(12);
            long end = Math.min(pages, first + count);
            int prot = rnd.nextBoolean() ? RW : RO;
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    assertThat(MapOps.mmap(mm, BASE + first * PAGE, (end - first) * PAGE, prot, 0, 0, true)).isEqualTo(BASE + first * PAGE);
                    for (long p = first; p < end; p++) oracle.put(p, prot);
                }
                case 1 -> {
                    assertThat(MapOps.munmap(mm, BASE + first * PAGE, (end - first) * PAGE)).isZero();
                    for (long p = first; p < end; p++) oracle.remove(p);
                }
                default -> {
                    long r = MapOps.mprotect(mm, BASE + first * PAGE, (end - first) * PAGE, prot);
                    long p = first;
                    while (p < end && oracle.containsKey(p)) oracle.put(p++, prot);
                    assertThat(r).isEqualTo(p == end ? 0 : -12);
                }
            }
            mm.tree().verify();
            for (int q = 0; q < 8; q++) {
                long page = rnd.nextInt(pages + 4);
                long addr = BASE + page * PAGE + rnd.nextInt((int) PAGE);
                Integer want = oracle.get(page);
                FaultOutcome outcome = FaultPath.fault(strategy(), mm, addr, false, false, stats);
                if (want == null) {
                    assertThat(outcome).isEqualTo(FaultOutcome.SEGV);
                } else {
                    assertThat(outcome).isEqualTo(strategy().usesPerVmaLocks() ? FaultOutcome.PER_VMA : FaultOutcome.FALLBACK);
                    Vma vma = strategy().lockVmaUnderRcu(mm, addr, new VmaLockStats());
                    if (strategy().usesPerVmaLocks()) {
                        assertThat(vma).isNotNull();
                        assertThat(vma.contains(addr)).isTrue();
                        assertThat(vma.flags() & VmaFlags.PROT_MASK).isEqualTo(want);
                        Mm.vmaEndRead(vma);
                    }
                }
            }
            List<Vma> seen = new ArrayList<>();
            List<long[]> ranges = new ArrayList<>();
            MapsReader.read(strategy(), mm, stats, v -> ranges.add(new long[] {v.start(), v.end(), v.flags() & VmaFlags.PROT_MASK}));
            TreeMap<Long, Integer> fromMaps = new TreeMap<>();
            for (long[] r : ranges) for (long a = r[0]; a < r[1]; a += PAGE) fromMaps.put((a - BASE) / PAGE, (int) r[2]);
            assertThat(fromMaps).as("maps after op %d", op).isEqualTo(oracle);
            assertThat(seen).isEmpty();
        }
        assertThat(sink.violations()).isEmpty();
        assertThat(stats.success + stats.abort + stats.retry).isEqualTo(stats.lookups);
        assertThat(stats.fallback).isEqualTo(stats.abort + stats.retry);
        assertThat(stats.lookups).as("vmstat counts faults only").isEqualTo(400 * 8);
        assertThat(stats.miss).isZero(); // nothing runs concurrently: no VMA is ever found detached
        assertThat(stats.mapsRetries + stats.mapsGapRewalks).isZero();
        assertThat(stats.mapsFallbacks).isEqualTo(strategy().usesPerVmaLocks() ? 0 : stats.mapsSteps);
    }

    // ---- the seed's interleaving ----

    /**
     * A: [0,4) rw, gap, V: [6,10) r, gap, B: [12,16) rw. The reader faults in V;
     * between its walk and vma_start_read(), a writer maps N: [5,11) rw with
     * MAP_FIXED over V (V is detached and freed after N is in the tree, so N is
     * another object; N reaches into both gaps, so the leaf cannot be edited in
     * place (wr_node_store) and is rebuilt). The reader gets -EAGAIN, drops RCU;
     * the grace period ends (strict) and the leaf it walked is freed; it retries.
     */
    private record Outcome(FaultOutcome fault, VmaLockStats stats, CollectingSink sink, Vma replacement) {}

    private Outcome replayTheSeedInterleaving(int quarantine, boolean reuseBeforeRetry) throws Exception {
        CollectingSink sink = new CollectingSink();
        Kernel kernel = kernel(quarantine, sink);
        Mm mm = new Mm(kernel);
        anon(mm, BASE, 4, RW);
        anon(mm, BASE + 6 * PAGE, 4, RO);
        anon(mm, BASE + 12 * PAGE, 4, RW);
        Vma[] replacement = new Vma[1];
        VmaLockStats stats = new VmaLockStats();
        FaultOutcome[] outcome = new FaultOutcome[1];
        Thread reader = new Thread(() -> outcome[0] = FaultPath.fault(strategy(), mm, BASE + 7 * PAGE + 8, false, false, stats), "reader");
        try (ScriptedInterleaving script = new ScriptedInterleaving(reader)) {
            script.at(YieldPoint.VMA_START_READ, 1, () -> {
                anon(mm, BASE + 5 * PAGE, 6, RW);
                replacement[0] = (Vma) mm.tree().load(BASE + 7 * PAGE);
            });
            if (reuseBeforeRetry) { // another mm's first mapping gets the freed leaf's memory before the retry
                script.at(YieldPoint.RETRY_WINDOW, 1, () -> anon(new Mm(kernel), BASE, 2, RW));
            }
            kernel.setScheduling(script);
            reader.start();
            reader.join(30_000);
        }
        assertThat(reader.isAlive()).isFalse();
        return new Outcome(outcome[0], stats, sink, replacement[0]);
    }

    @Test
    void retryAfterTheSeedInterleavingIsMemorySafe() throws Exception {
        Outcome o = replayTheSeedInterleaving(64, false);
        if (strategy().knownIncorrect()) {
            assertThat(o.sink.count(ViolationKind.USE_AFTER_FREE)).as("pre-fix retry must be caught").isPositive();
            return;
        }
        assertThat(o.sink.violations()).isEmpty();
        assertThat(o.fault).isIn(FaultOutcome.PER_VMA, FaultOutcome.FALLBACK);
        assertThat(o.stats.success + o.stats.abort).isEqualTo(1);
        if (strategy().usesPerVmaLocks()) {
            assertThat(o.stats.miss).isEqualTo(1);
            assertThat(o.fault).isEqualTo(FaultOutcome.PER_VMA); // the retry found the replacement
        }
    }

    @Test
    void retryAfterTheSeedInterleavingWithImmediateReuseReadsNoStaleNode() throws Exception {
        Outcome o = replayTheSeedInterleaving(0, true);
        if (strategy().knownIncorrect()) {
            assertThat(o.sink.count(ViolationKind.STALE_NODE)).as("reused node memory must be caught").isPositive();
            return;
        }
        assertThat(o.sink.violations()).isEmpty();
        assertThat(o.fault).isIn(FaultOutcome.PER_VMA, FaultOutcome.FALLBACK);
    }

    // ---- lock_next_vma(): a maps reader whose next VMA is replaced ----

    /** The kernel's lock_next_vma() re-sets the iterator itself on -EAGAIN: every strategy, no-reset too, is safe here. */
    @Test
    void mapsIterationRetryAfterDetachSeesEveryVmaOnce() throws Exception {
        CollectingSink sink = new CollectingSink();
        Kernel kernel = kernel(64, sink);
        Mm mm = new Mm(kernel);
        for (int i = 0; i < 40; i++) anon(mm, BASE + i * 4 * PAGE, 2, i % 2 == 0 ? RW : RO);
        List<Long> starts = new ArrayList<>();
        VmaLockStats stats = new VmaLockStats();
        Thread reader = new Thread(() -> MapsReader.read(strategy(), mm, stats, v -> starts.add(v.start())), "maps-reader");
        AtomicBoolean replaced = new AtomicBoolean();
        try (ScriptedInterleaving script = new ScriptedInterleaving(reader)) {
            script.at(YieldPoint.VMA_START_READ, 20, () -> { // replace the 20th VMA the reader is about to lock
                long addr = BASE + 19 * 4 * PAGE;
                anon(mm, addr - PAGE, 4, RW | VmaFlags.EXEC); // MAP_FIXED over it and into both gaps: a new leaf
                replaced.set(true);
            });
            kernel.setScheduling(script);
            reader.start();
            reader.join(30_000);
        }
        assertThat(reader.isAlive()).isFalse();
        assertThat(sink.violations()).isEmpty();
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) expected.add(BASE + i * 4 * PAGE - (i == 19 && replaced.get() ? PAGE : 0));
        assertThat(starts).isEqualTo(expected);
        assertThat(stats.lookups + stats.miss).as("no vmstat event in lock_next_vma()").isZero();
        assertThat(stats.mapsSteps).isEqualTo(41);
        if (strategy().usesPerVmaLocks()) {
            assertThat(replaced).isTrue();
            assertThat(stats.mapsRetries).isEqualTo(1);
            assertThat(stats.mapsFallbacks).isZero();
        }
    }

    // ---- concurrent, free-running ----

    @ParameterizedTest
    @ValueSource(longs = {21, 22})
    void concurrentReadersAndWritersReportNoViolation(long seed) throws Exception {
        assumeFalse(strategy().knownIncorrect(),
                "free-running threads need not hit the window; the scripted interleavings above catch it");
        CollectingSink sink = new CollectingSink();
        Kernel kernel = kernel(0, sink);
        Mm mm = new Mm(kernel);
        int vmas = 24;
        for (int i = 0; i < vmas; i++) anon(mm, BASE + i * 4 * PAGE, 2, RW);
        long deadline = System.nanoTime() + (Boolean.getBoolean("vmalab.heavy") ? 20_000_000_000L : 400_000_000L);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        List<VmaLockStats> allStats = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int r = 0; r < 2; r++) {
            VmaLockStats stats = new VmaLockStats();
            allStats.add(stats);
            Random rnd = new Random(seed * 31 + r);
            threads.add(new Thread(() -> {
                while (!stop.get()) {
                    long addr = BASE + rnd.nextInt(vmas) * 4 * PAGE + rnd.nextInt(2 * (int) PAGE);
                    FaultPath.fault(strategy(), mm, addr, false, false, stats);
                }
            }, "reader-" + r));
        }
        VmaLockStats mapsStats = new VmaLockStats();
        threads.add(new Thread(() -> {
            while (!stop.get()) MapsReader.read(strategy(), mm, mapsStats, v -> {});
        }, "maps"));
        Random wr = new Random(seed);
        threads.add(new Thread(() -> {
            while (System.nanoTime() < deadline) {
                long addr = BASE + wr.nextInt(vmas) * 4 * PAGE;
                switch (wr.nextInt(3)) {
                    case 0 -> { // replace: detaches the VMA readers may have found
                        MapOps.munmap(mm, addr, 2 * PAGE);
                        MapOps.mmap(mm, addr, 2 * PAGE, RW, 0, 0, true);
                    }
                    case 1 -> { // split, then merge back
                        MapOps.mprotect(mm, addr + PAGE, PAGE, RO);
                        MapOps.mprotect(mm, addr + PAGE, PAGE, RW);
                    }
                    default -> MapOps.mmap(mm, addr, 2 * PAGE, RW, 0, 0, true);
                }
            }
            stop.set(true);
        }, "writer"));
        for (Thread t : threads) t.setUncaughtExceptionHandler((th, e) -> errors.add(e));
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join(60_000);
        assertThat(errors).isEmpty();
        assertThat(sink.violations()).isEmpty();
        for (VmaLockStats s : allStats) {
            assertThat(s.success + s.abort).isEqualTo(s.lookups);
            assertThat(s.fallback).isEqualTo(s.abort);
        }
        assertThat(mapsStats.lookups).as("maps steps are no vmstat lookups").isZero();
        assertThat(mapsStats.mapsFallbacks).isLessThanOrEqualTo(mapsStats.mapsSteps);
        mm.tree().verify();
    }
}
