package dev.vmalab.model.retry;

import static dev.vmalab.model.testing.Maps.PAGE;
import static dev.vmalab.model.testing.Maps.RO;
import static dev.vmalab.model.testing.Maps.RW;
import static dev.vmalab.model.testing.Maps.anon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.check.CollectingSink;
import dev.vmalab.model.lookup.FaultPath;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.model.maple.WalkSemantics;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.sched.YieldPoint;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.model.testing.ScriptedInterleaving;
import dev.vmalab.model.vma.Mm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A live -EAGAIN, captured at the observer and replayed as a scenario for every strategy. */
class EventScenarioTest {
    private static final long BASE = 0x7f00_0000_0000L;

    private record Seen(long address, long first, long last, LiveLayout.Ranges layout) {}

    /** mas-set faults at page 9 of V [4,12) while [4,7) is unmapped; returns the observed events and the stats. */
    private static VmaLockStats liveRun(String strategy, boolean observe, List<Seen> seen, CollectingSink sink) throws Exception {
        Kernel kernel = Kernel.builder().gracePeriods(GracePeriods.STRICT).violations(sink).build();
        Mm mm = new Mm(kernel);
        anon(mm, BASE, 2, RO);
        anon(mm, BASE + 4 * PAGE, 8, RW);
        if (observe) {
            kernel.setRetryObserver((m, address, first, last) ->
                    seen.add(new Seen(address, first, last, LiveLayout.around(m, first, last))));
        }
        VmaLockStats stats = new VmaLockStats();
        LookupStrategy s = StrategyRegistry.standard().get(strategy);
        Thread reader = new Thread(() -> FaultPath.fault(s, mm, BASE + 9 * PAGE, false, false, stats), "reader");
        try (ScriptedInterleaving script = new ScriptedInterleaving(reader)) {
            script.at(YieldPoint.VMA_START_READ, 1, () -> MapOps.munmap(mm, BASE + 4 * PAGE, 3 * PAGE));
            kernel.setScheduling(script);
            reader.start();
            reader.join(30_000);
        }
        return stats;
    }

    @Test
    void theObserverSeesTheStaleRangeAndChangesNothing() throws Exception {
        List<Seen> seen = new ArrayList<>();
        CollectingSink with = new CollectingSink();
        CollectingSink without = new CollectingSink();
        VmaLockStats observed = liveRun("mas-set", true, seen, with);
        VmaLockStats plain = liveRun("mas-set", false, new ArrayList<>(), without);
        assertThat(seen).hasSize(1);
        assertThat(seen.getFirst().first()).isEqualTo(BASE + 4 * PAGE); // the old vm_start: what mas_reset() keeps
        assertThat(seen.getFirst().last()).isEqualTo(BASE + 12 * PAGE - 1);
        assertThat(observed.toString()).isEqualTo(plain.toString());
        assertThat(with.violations()).isEmpty();
    }

    @Test
    void theFoundRangeIsTheWalksEvenWhenVmaStartReadReSetsTheState() throws Exception {
        List<Seen> seen = new ArrayList<>();
        liveRun("iter-passed-down", true, seen, new CollectingSink()); // vma_start_read() does vma_iter_set() on -EAGAIN
        assertThat(seen).hasSize(1);
        assertThat(seen.getFirst().first()).isEqualTo(BASE + 4 * PAGE);
        assertThat(seen.getFirst().last()).isEqualTo(BASE + 12 * PAGE - 1);
    }

    @Test
    void everyStrategyReplaysTheEventAsTheLiveRetryMetIt() throws Exception {
        List<Seen> seen = new ArrayList<>();
        liveRun("mas-set", true, seen, new CollectingSink());
        Seen e = seen.getFirst();
        Scenario sc = EventScenario.of(e.address(), e.first(), e.last(), e.layout(), GracePeriods.STRICT, "munmap-below");
        var reg = StrategyRegistry.standard();
        RetryResult set = ScenarioRunner.run(reg.get("mas-set"), sc, WalkSemantics.RESUME_ACTIVE);
        RetryResult reset = ScenarioRunner.run(reg.get("mas-reset"), sc, WalkSemantics.RESUME_ACTIVE);
        RetryResult noReset = ScenarioRunner.run(reg.get("no-reset"), sc, WalkSemantics.RESUME_ACTIVE);
        assertThat(set.retried()).as(set.toString()).isTrue();
        assertThat(set.outcome()).isEqualTo(RetryOutcome.LOCKED);
        assertThat(reset.outcome()).isEqualTo(RetryOutcome.ABORT_NULL); // index = old vm_start, now a hole
        assertThat(noReset.outcome()).isEqualTo(RetryOutcome.VIOLATION);
    }
}
