package dev.vmalab.model.lookup;

import static dev.vmalab.model.testing.Maps.PAGE;
import static dev.vmalab.model.testing.Maps.RO;
import static dev.vmalab.model.testing.Maps.RW;
import static dev.vmalab.model.testing.Maps.anon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.check.CollectingSink;
import dev.vmalab.model.check.ViolationKind;
import dev.vmalab.model.maple.WalkSemantics;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.sched.YieldPoint;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.model.testing.ScriptedInterleaving;
import dev.vmalab.model.tree.TreeCursor;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import org.junit.jupiter.api.Test;

/**
 * mas_reset() keeps index/last at the range the failed walk found, so the
 * retry walks to the old VMA's start rather than to the faulting address.
 */
class StaleIndexTest {
    private static final long BASE = 0x7f00_0000_0000L;

    @Test
    void aWalkAfterResetGoesToTheOldStartNotTheAddress() {
        Kernel kernel = Kernel.builder().build();
        Mm mm = new Mm(kernel);
        anon(mm, BASE + 6 * PAGE, 4, RO);
        Task t = kernel.rcu().current();
        kernel.rcu().readLock(t);
        TreeCursor mas = mm.tree().cursor(BASE + 9 * PAGE, BASE + 9 * PAGE);
        assertThat(mas.walk()).isNotNull();
        assertThat(mas.index()).isEqualTo(BASE + 6 * PAGE);
        mas.reset();
        assertThat(mas.index()).as("mas_reset() leaves the index").isEqualTo(BASE + 6 * PAGE);
        mas.set(BASE + 9 * PAGE);
        assertThat(mas.index()).isEqualTo(BASE + 9 * PAGE);
        kernel.rcu().readUnlock(t);
    }

    /** V [6,10) is replaced by N1 [6,8) rw and N2 [8,10) r-x while the reader, faulting at page 9, is about to lock V. */
    private VmaLockStats faultWhileVIsSplitInTwo(String strategy, WalkSemantics walk, CollectingSink sink,
                                                FaultOutcome[] outcome) throws Exception {
        Kernel kernel = Kernel.builder().gracePeriods(GracePeriods.STRICT).walkSemantics(walk).violations(sink).build();
        Mm mm = new Mm(kernel);
        anon(mm, BASE, 4, RW);
        anon(mm, BASE + 6 * PAGE, 4, RO);
        VmaLockStats stats = new VmaLockStats();
        LookupStrategy s = StrategyRegistry.standard().get(strategy);
        Thread reader = new Thread(() -> outcome[0] = FaultPath.fault(s, mm, BASE + 9 * PAGE, false, false, stats), "reader");
        try (ScriptedInterleaving script = new ScriptedInterleaving(reader)) {
            script.at(YieldPoint.VMA_START_READ, 1, () -> {
                // In this order V's memory is not handed out again before the retry
                // (VMA memory is reused at once, last freed first).
                anon(mm, BASE + 8 * PAGE, 2, RO | dev.vmalab.model.vma.VmaFlags.EXEC);
                assertThat(dev.vmalab.model.ops.MapOps.munmap(mm, BASE + 6 * PAGE, 2 * PAGE)).isZero();
                anon(mm, BASE + 6 * PAGE, 2, RW);
            });
            kernel.setScheduling(script);
            reader.start();
            reader.join(30_000);
        }
        Vma n2 = (Vma) mm.tree().load(BASE + 9 * PAGE);
        assertThat(n2.start()).isEqualTo(BASE + 8 * PAGE);
        return stats;
    }

    @Test
    void masResetEndsInACountedAbortWhereMasSetSucceeds() throws Exception {
        CollectingSink sink = new CollectingSink();
        FaultOutcome[] outcome = new FaultOutcome[1];
        VmaLockStats reset = faultWhileVIsSplitInTwo("mas-reset", WalkSemantics.RESUME_ACTIVE, sink, outcome);
        assertThat(reset.miss).isEqualTo(1);
        assertThat(reset.abort).as("the retry found N1 [6,8), which does not contain page 9").isEqualTo(1);
        assertThat(reset.fallback).isEqualTo(1);
        assertThat(outcome[0]).isEqualTo(FaultOutcome.FALLBACK);

        VmaLockStats set = faultWhileVIsSplitInTwo("mas-set", WalkSemantics.RESUME_ACTIVE, sink, outcome);
        assertThat(set.miss).isEqualTo(1);
        assertThat(set.abort).isZero();
        assertThat(set.success).isEqualTo(1);
        assertThat(outcome[0]).isEqualTo(FaultOutcome.PER_VMA);
        assertThat(sink.violations()).isEmpty();
    }

    /**
     * The README's claims on the two variants: on {@code 6.18-restart-walk} (ALWAYS_RESTART) no-reset is
     * memory-safe but walks the stale index; on {@code 6.18} (RESUME_ACTIVE) it reads the freed leaf.
     */
    @Test
    void onTheRestartWalkVariantNoResetIsMemorySafeButWalksTheStaleIndexOn618ItReadsTheFreedLeaf() throws Exception {
        CollectingSink sink = new CollectingSink();
        FaultOutcome[] outcome = new FaultOutcome[1];
        VmaLockStats stats = faultWhileVIsSplitInTwo("no-reset", WalkSemantics.ALWAYS_RESTART, sink, outcome);
        assertThat(sink.violations()).as("every walk restarts from the root").isEmpty();
        assertThat(stats.miss).isEqualTo(1);
        assertThat(stats.abort).as("like mas-reset: the walk went to the old start").isEqualTo(1);

        CollectingSink sink618 = new CollectingSink();
        faultWhileVIsSplitInTwo("no-reset", WalkSemantics.RESUME_ACTIVE, sink618, outcome);
        assertThat(sink618.count(ViolationKind.USE_AFTER_FREE)).isPositive();
    }
}
