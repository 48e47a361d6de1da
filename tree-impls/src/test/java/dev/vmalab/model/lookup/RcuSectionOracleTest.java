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
import dev.vmalab.model.sched.YieldPoint;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.model.testing.ScriptedInterleaving;
import dev.vmalab.model.vma.Mm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The RCU-section oracle on the fault path: the seed's interleaving (the reader's VMA is
 * replaced while it is about to lock it; it retries), with lazy grace periods, so that no
 * callback has to run in the retry window. no-reset is flagged on its first retry on
 * resume-active walk semantics, freed node or not, and not on restart-always semantics.
 */
class RcuSectionOracleTest {
    private static final long BASE = 0x7f00_0000_0000L;

    private static VmaLockStats faultWhileVIsReplaced(String strategy, WalkSemantics walk, GracePeriods gp,
                                                      CollectingSink sink) throws Exception {
        Kernel kernel = Kernel.builder().gracePeriods(gp).lazyBatch(1_000).walkSemantics(walk).violations(sink).build();
        Mm mm = new Mm(kernel);
        anon(mm, BASE, 4, RW);
        anon(mm, BASE + 6 * PAGE, 4, RO);
        VmaLockStats stats = new VmaLockStats();
        LookupStrategy s = StrategyRegistry.standard().get(strategy);
        Thread reader = new Thread(() -> FaultPath.fault(s, mm, BASE + 7 * PAGE, false, false, stats), "reader");
        try (ScriptedInterleaving script = new ScriptedInterleaving(reader)) {
            script.at(YieldPoint.VMA_START_READ, 1, () -> anon(mm, BASE + 5 * PAGE, 6, RW)); // MAP_FIXED over V
            kernel.setScheduling(script);
            reader.start();
            reader.join(30_000);
        }
        assertThat(reader.isAlive()).isFalse();
        return stats;
    }

    @ParameterizedTest
    @EnumSource(GracePeriods.class)
    void noResetIsFlaggedOnItsFirstRetryOnResumeActive(GracePeriods gp) throws Exception {
        CollectingSink sink = new CollectingSink();
        VmaLockStats stats = faultWhileVIsReplaced("no-reset", WalkSemantics.RESUME_ACTIVE, gp, sink);
        assertThat(stats.miss).isEqualTo(1);
        assertThat(sink.count(ViolationKind.STALE_RCU_SECTION)).isEqualTo(1);
        assertThat(sink.violations().getFirst().kind()).isEqualTo(ViolationKind.STALE_RCU_SECTION);
        assertThat(sink.violations().getFirst().detail()).contains("read in RCU read section #1 of reader, dereferenced in section #2");
        if (gp == GracePeriods.LAZY) {
            // 1,000 callbacks a batch: nothing was freed yet, so KASAN would have seen nothing
            assertThat(sink.violations().getFirst().detail()).contains("poll_state_synchronize_rcu() false");
            assertThat(sink.count(ViolationKind.USE_AFTER_FREE) + sink.count(ViolationKind.STALE_NODE)).isZero();
        } else {
            assertThat(sink.violations().getFirst().detail()).contains("poll_state_synchronize_rcu() true");
        }
    }

    @ParameterizedTest
    @EnumSource(GracePeriods.class)
    void noResetIsNotFlaggedOnRestartAlwaysNorAreTheCorrectStrategies(GracePeriods gp) throws Exception {
        CollectingSink sink = new CollectingSink();
        assertThat(faultWhileVIsReplaced("no-reset", WalkSemantics.ALWAYS_RESTART, gp, sink).miss).isEqualTo(1);
        for (String s : new String[] {"mas-set", "mas-reset", "full-reinit", "iter-passed-down"}) {
            for (WalkSemantics w : WalkSemantics.values()) {
                assertThat(faultWhileVIsReplaced(s, w, gp, sink).miss).as(s).isEqualTo(1);
            }
        }
        assertThat(sink.violations()).isEmpty();
    }
}
