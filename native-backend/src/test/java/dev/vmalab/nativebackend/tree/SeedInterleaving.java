package dev.vmalab.nativebackend.tree;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.check.CollectingSink;
import dev.vmalab.model.check.Violation;
import dev.vmalab.model.lookup.FaultOutcome;
import dev.vmalab.model.lookup.FaultPath;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.sched.YieldPoint;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.VmaFlags;
import dev.vmalab.nativebackend.testing.RecordingBackend;
import dev.vmalab.model.testing.ScriptedInterleaving;

import java.nio.file.Path;
import java.util.List;

import static dev.vmalab.model.testing.Maps.PAGE;
import static dev.vmalab.model.testing.Maps.RO;
import static dev.vmalab.model.testing.Maps.RW;
import static dev.vmalab.model.testing.Maps.anon;

/**
 * The seed's interleavings (tree-impls' LookupStrategyConformance and StaleIndexTest) driven
 * through the model's lookup code on the native backend. The reader faults in V [6,10) r; when
 * it reaches vma_start_read() a writer replaces V; in the retry window (RCU dropped, state
 * handled by the strategy) the writer waits a liburcu grace period and rcu_barrier, so the leaf
 * the first walk cached is freed memory before the retry walks.
 * <ul>
 *   <li>{@link Scenario#MAP_FIXED}: N [5,11) rw mapped over V (MAP_FIXED, into both gaps: the
 *       leaf is rebuilt). The reader faults at page 7: the stale index (6) lies in N too.
 *   <li>{@link Scenario#SPLIT}: V replaced by N1 [6,8) rw and N2 [8,10) r-x; the reader faults at
 *       page 9: a retry at the stale index (6) finds N1, which does not contain the address.
 * </ul>
 * {@link #main} runs it in a child JVM (for the ASan flavour) and prints key=value lines.
 */
final class SeedInterleaving {
    static final long BASE = 0x7f00_0000_0000L;

    enum Scenario {
        MAP_FIXED(7 * PAGE + 8),
        SPLIT(9 * PAGE);

        final long faultOffset;

        Scenario(long faultOffset) {
            this.faultOffset = faultOffset;
        }
    }

    record Outcome(FaultOutcome fault, VmaLockStats stats, List<Violation> violations, List<RecordingBackend.Walk> walks) {
        /** key=value lines for a parent JVM, keyed by {@code prefix}. */
        String describe(String prefix) {
            StringBuilder sb = new StringBuilder();
            sb.append(prefix).append(".fault=").append(fault).append('\n');
            sb.append(prefix).append(".stats=").append(stats).append('\n');
            sb.append(prefix).append(".violations=").append(violations.size()).append('\n');
            for (Violation v : violations) sb.append(prefix).append(".violation=").append(v).append('\n');
            for (RecordingBackend.Walk w : walks) {
                sb.append(prefix).append(".walk=").append(Long.toHexString(w.index())).append(" found ")
                        .append(w.found() ? Long.toHexString(w.foundIndex()) + "-" + Long.toHexString(w.foundLast()) : "none").append('\n');
            }
            return sb.toString();
        }
    }

    static Outcome run(NativeTreeBackend backend, LookupStrategy strategy, Scenario scenario) throws InterruptedException {
        CollectingSink sink = new CollectingSink();
        RecordingBackend recording = new RecordingBackend(backend, "reader");
        Kernel kernel = Kernel.builder().gracePeriods(GracePeriods.STRICT).violations(sink)
                .walkSemantics(backend.walkSemantics()).treeBackend(recording).build();
        Mm mm = new Mm(kernel);
        anon(mm, BASE, 4, RW);
        anon(mm, BASE + 6 * PAGE, 4, RO);
        anon(mm, BASE + 12 * PAGE, 4, RW);
        VmaLockStats stats = new VmaLockStats();
        FaultOutcome[] outcome = new FaultOutcome[1];
        Thread reader = Thread.ofPlatform().name("reader").unstarted(
                () -> outcome[0] = FaultPath.fault(strategy, mm, BASE + scenario.faultOffset, false, false, stats));
        try (ScriptedInterleaving script = new ScriptedInterleaving(reader)) {
            script.at(YieldPoint.VMA_START_READ, 1, () -> replaceV(mm, scenario));
            // The reader is outside RCU here: the old leaf's grace period can end, and its free run.
            script.at(YieldPoint.RETRY_WINDOW, 1, () -> backend.quiesce(kernel));
            kernel.setScheduling(script);
            reader.start();
            reader.join(60_000);
        }
        if (reader.isAlive()) throw new IllegalStateException("reader did not finish");
        return new Outcome(outcome[0], stats, sink.violations(), recording.walks());
    }

    private static void replaceV(Mm mm, Scenario scenario) {
        switch (scenario) {
            case MAP_FIXED -> anon(mm, BASE + 5 * PAGE, 6, RW);
            case SPLIT -> { // in this order V's memory is not handed out again before the retry
                anon(mm, BASE + 8 * PAGE, 2, RO | VmaFlags.EXEC);
                if (MapOps.munmap(mm, BASE + 6 * PAGE, 2 * PAGE) != 0) throw new AssertionError("munmap");
                anon(mm, BASE + 6 * PAGE, 2, RW);
            }
        }
    }

    /**
     * Child JVM: {@code SeedInterleaving CACHE_ROOT BACKEND VARIANT [STRATEGY [SCENARIO]]}: every built-in
     * strategy (or one), both scenarios (or one).
     */
    public static void main(String[] args) throws Exception {
        NativeTreeBackend backend = (NativeTreeBackend) NativeBackends.create(args[1], args[2],
                NativeBackendOptions.defaults().withCacheRoot(Path.of(args[0])));
        System.out.println("backend=" + backend.name());
        System.out.println("asan=" + backend.library().asanEnabled());
        for (LookupStrategy s : StrategyRegistry.builtIn()) {
            if (args.length > 3 && !s.name().equals(args[3])) continue;
            for (Scenario sc : Scenario.values()) {
                if (args.length > 4 && !sc.name().equalsIgnoreCase(args[4])) continue;
                System.out.print(run(backend, s, sc).describe(s.name() + "." + sc.name().toLowerCase()));
            }
        }
        System.out.println("done");
        System.out.flush();
    }
}
