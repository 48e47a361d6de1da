package dev.vmalab.replay.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmalab.model.sched.YieldPoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterministicSchedulerTest {
    /** Three workers each log 200 steps, yielding after each: the interleaving is a function of the seed. */
    private static List<String> interleaving(long seed) {
        DeterministicScheduler s = new DeterministicScheduler(seed, 30, false);
        List<String> log = new ArrayList<>(); // only the running worker appends: no lock needed
        List<DeterministicScheduler.Body> bodies = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            String name = "w" + w;
            bodies.add(new DeterministicScheduler.Body(name, () -> {
                for (int i = 0; i < 200; i++) {
                    log.add(name);
                    s.yieldAt(YieldPoint.WALK_NODE);
                }
            }));
        }
        s.run(bodies);
        return log;
    }

    @Test
    void sameSeedSameInterleaving() {
        assertThat(interleaving(42)).isEqualTo(interleaving(42)).hasSize(600);
    }

    @Test
    void differentSeedsInterleaveDifferently() {
        assertThat(interleaving(1)).isNotEqualTo(interleaving(2));
    }

    @Test
    void aWaitWithNobodyToWaitForIsADeadlock() {
        DeterministicScheduler s = new DeterministicScheduler(1, 30, false);
        assertThatThrownBy(() -> s.run(List.of(new DeterministicScheduler.Body("alone", s::waitTurn))))
                .hasMessageContaining("deadlock");
    }

    /** A grace period of the native backend runs on liburcu's thread: waiting for it alone is no deadlock. */
    @Test
    void aLoneWorkerMayWaitForWorkOutsideTheModel() {
        DeterministicScheduler s = new DeterministicScheduler(1, 30, false);
        java.util.concurrent.CompletableFuture<Void> outside = new java.util.concurrent.CompletableFuture<>();
        Thread.ofPlatform().start(() -> outside.complete(null));
        s.run(List.of(new DeterministicScheduler.Body("alone", () -> {
            do {
                s.waitExternal(); // at least once: waitTurn() here would be a deadlock
            } while (!outside.isDone());
        })));
        assertThat(outside).isDone();
    }
}
