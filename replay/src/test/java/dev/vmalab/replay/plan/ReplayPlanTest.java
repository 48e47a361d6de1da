package dev.vmalab.replay.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.ProcessStart;
import dev.vmalab.traces.event.ThreadExit;
import dev.vmalab.traces.event.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayPlanTest {
    private static FaultEvent fault(long t, int pid, int tid) {
        return new FaultEvent(t, pid, tid, 0x1000, 0, FaultEvent.Access.READ, 4);
    }

    private static MapEvent map(long t, int pid, int tid) {
        return new MapEvent(t, pid, tid, 0, 4096, 3, 0x22, -1, 0, 0x7f0000000000L);
    }

    @Test
    void eachTraceThreadRunsOnOneWorkerInTraceOrder() {
        List<TraceEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) events.add(fault(i, 1, 10 + i % 5));
        ReplayPlan plan = ReplayPlan.of(events, 2, 0);
        for (int w = 0; w < 2; w++) {
            int[] seqs = plan.stepsOf(w);
            for (int k = 1; k < seqs.length; k++) assertThat(seqs[k]).isGreaterThan(seqs[k - 1]);
            assertThat(java.util.Arrays.stream(seqs).map(s -> plan.step(s).event().tid()).distinct().count())
                    .isEqualTo(plan.traceThreadsOf(w));
        }
        assertThat(plan.traceThreadsOf(0) + plan.traceThreadsOf(1)).isEqualTo(5);
        assertThat(plan.traceThreadsOf(0)).isEqualTo(3); // round-robin by first appearance: 10,12,14 | 11,13
    }

    @Test
    void forkCopiesTheParentsSpaceAndExecStartsAFreshOne() {
        List<TraceEvent> events = List.of(
                map(1, 1, 1),
                new ProcessStart(2, 2, 2, 1, ProcessStart.How.FORK, "child"),
                fault(3, 2, 2),
                new ProcessStart(4, 2, 2, 2, ProcessStart.How.EXEC, "child"),
                fault(5, 2, 2),
                new ThreadExit(6, 2, 2));
        ReplayPlan plan = ReplayPlan.of(events, 1, 0);
        assertThat(plan.spaces()).isEqualTo(3);
        assertThat(plan.preexisting(0)).isTrue(); // pid 1: its exec was not traced
        Step fork = plan.step(1);
        assertThat(fork.source()).isEqualTo(0);
        assertThat(fork.after()).as("the fork waits for the parent's mmap").isEqualTo(0);
        assertThat(plan.step(2).space()).isEqualTo(fork.space());
        Step exec = plan.step(3);
        assertThat(exec.retired()).isEqualTo(fork.space());
        assertThat(plan.step(4).space()).isEqualTo(exec.space()).isNotEqualTo(fork.space());
        assertThat(plan.step(5).teardown()).isTrue();
    }

    @Test
    void warmupIsTheFirstShareOfEvents() {
        List<TraceEvent> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) events.add(fault(i, 1, 1));
        assertThat(ReplayPlan.of(events, 1, 0.1).firstMeasured()).isEqualTo(5);
    }
}
