package dev.vmalab.replay.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceClockTest {
    @Test
    void workersRunInTraceTimeOrderAcrossThreadsAndAWaiterResumesAfterTheOneItWaitsFor() {
        TraceClock clock = new TraceClock();
        List<String> order = new ArrayList<>();
        boolean[] released = new boolean[1];
        List<DeterministicScheduler.Body> bodies = List.of(
                new DeterministicScheduler.Body("writer", () -> {
                    clock.sleepUntil(10);
                    order.add("w-lock@" + clock.now());
                    clock.sleepUntil(50); // holds until 50: the others' events before it run meanwhile
                    released[0] = true;
                    order.add("w-unlock@" + clock.now());
                }),
                new DeterministicScheduler.Body("reader", () -> {
                    clock.sleepUntil(20);
                    order.add("r-wait@" + clock.now());
                    while (!released[0]) clock.waitTurn();
                    order.add("r-got@" + clock.now());
                }),
                new DeterministicScheduler.Body("other", () -> {
                    for (long t : new long[] {5, 30, 60}) {
                        clock.sleepUntil(t);
                        order.add("o@" + clock.now());
                    }
                }));
        clock.run(bodies);
        assertThat(order).containsExactly("o@5", "w-lock@10", "r-wait@20", "o@30", "w-unlock@50", "r-got@50", "o@60");
    }

    @Test
    void everyWorkerWaitingIsADeadlockNotAHang() {
        TraceClock clock = new TraceClock();
        List<DeterministicScheduler.Body> bodies = List.of(
                new DeterministicScheduler.Body("a", () -> {
                    while (true) clock.waitTurn();
                }),
                new DeterministicScheduler.Body("b", () -> {
                    while (true) clock.waitTurn();
                }));
        assertThatThrownBy(() -> clock.run(bodies)).isInstanceOf(IllegalStateException.class).hasMessageContaining("deadlock");
    }
}
