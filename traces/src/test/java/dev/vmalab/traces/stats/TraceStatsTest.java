package dev.vmalab.traces.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.traces.Fixtures;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.ProcessStart;
import dev.vmalab.traces.event.ProtectEvent;
import dev.vmalab.traces.event.ThreadStart;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.format.CsvTraceReader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TraceStatsTest {
    private static final long A = 0x7f00_0000_0000L;
    private static final FaultEvent.Access W = FaultEvent.Access.WRITE;

    /** A map at t=0, a thread, an mprotect by thread 2 at 1 ms, then faults by threads 1 and 2. */
    private static List<TraceEvent> protectThenFault(long faultAtNs, int faultTid) {
        return List.of(
                new ProcessStart(0, 1, 1, 1, ProcessStart.How.EXEC, "t"),
                new MapEvent(0, 1, 1, 0, 0x10000, 3, 0x22, -1, 0, A),
                new ThreadStart(1, 1, 2, 1),
                new ProtectEvent(1_000_000, 1, 2, A, 0x1000, 1, 0),
                new FaultEvent(faultAtNs, 1, faultTid, A + 0x1000, 0, W, 6));
    }

    private static StatsReport stats(List<TraceEvent> events) {
        return TraceStats.of(events.stream(), new TraceStats.Options(1, 100));
    }

    @Test
    void faultByAnotherThreadWithinTheWindowIsRacy() {
        // The fault's VMA is the piece the mprotect split off; it changed 50 us earlier, by thread 2.
        assertThat(stats(protectThenFault(1_050_000, 1)).racyFaults()).isEqualTo(1);
    }

    @Test
    void faultAfterTheWindowIsNotRacy() {
        assertThat(stats(protectThenFault(1_150_000, 1)).racyFaults()).isZero();
    }

    @Test
    void faultByTheThreadThatMadeTheChangeIsNotRacy() {
        assertThat(stats(protectThenFault(1_050_000, 2)).racyFaults()).isZero();
    }

    @Test
    void failedSyscallChangesNothing() {
        List<TraceEvent> events = new java.util.ArrayList<>(protectThenFault(1_050_000, 1));
        events.set(3, new ProtectEvent(1_000_000, 1, 2, A, 0x1000, 1, -12));
        assertThat(stats(events).racyFaults()).isZero();
    }

    @Test
    void vmaCountFollowsSplits() {
        StatsReport r = stats(protectThenFault(1_050_000, 1));
        assertThat(r.vmaSamples()).extracting(TraceStats.VmaSample::vmas).containsExactly(0, 1, 1, 2, 2);
    }

    @Test
    void statsOfASampleCountEveryEventOnceByProcessAndByThread() {
        try (Stream<TraceEvent> events = new CsvTraceReader(Fixtures.SAMPLES.resolve("jvm-workers.csv.zst")).events()) {
            StatsReport r = TraceStats.of(events, new TraceStats.Options(1000, 100));
            assertThat(r.byProcess().values().stream().mapToLong(Counts::total).sum()).isEqualTo(r.events());
            assertThat(r.byThread().values().stream().mapToLong(Counts::total).sum()).isEqualTo(r.events());
            assertThat(r.byThread()).hasSizeGreaterThan(4);
            assertThat(r.vmaSamples()).isNotEmpty().allMatch(s -> s.vmas() > 0);
            assertThat(r.format()).contains("race exposure", "per process", "per thread", "VMA count over time");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
