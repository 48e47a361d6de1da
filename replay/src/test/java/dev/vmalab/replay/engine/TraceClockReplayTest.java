package dev.vmalab.replay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.replay.cli.ReplayMain;
import dev.vmalab.replay.results.ResultCsv;
import dev.vmalab.replay.results.ResultTables;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.KernelFaultOutcome;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.MmapLockTimes;
import dev.vmalab.traces.event.ProtectEvent;
import dev.vmalab.traces.event.ThreadStart;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.format.TraceWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --pace trace}: thread B's mprotect holds mmap_lock over its traced interval ([exit - hold, exit] in a
 * format-2 trace; after its traced wait and before its traced tail in format 3), and thread A's fault meets the
 * lock held, waited for, or free according to its own trace time alone, on any machine.
 */
class TraceClockReplayTest {
    private static final int PID = 100, A = 100, B = 101;
    private static final long M1 = 0x10000000L, M2 = 0x20000000L, LEN = 0x10000;
    private static final int PROT_RW = 0x3, PROT_R = 0x1, MAP_PRIVATE_ANON = 0x22;
    /** B's mprotect of M2 returns at T2 having held mmap_lock for write HOLD ns: over [T1, T2]. */
    private static final long T2 = 100_000, HOLD = 50_000, T1 = T2 - HOLD;

    @TempDir
    Path dir;

    @Test
    void aFirstTouchAnonWriteInsideTheHoldFailsTheAnonVmaTrylockAndIsRetriedUnderMmapLock() throws IOException {
        Map<String, Long> c = replayWithFault(T1 + HOLD / 2, M1 + 0x100, FaultEvent.Access.WRITE);
        assertThat(c).containsEntry("lookups", 1L).containsEntry("retry", 1L).containsEntry("fallback", 1L)
                .containsEntry("abort", 0L).containsEntry("success", 0L);
    }

    @Test
    void theSameFaultAfterTheReleaseTakesTheTrylockAndStaysOnThePerVmaPath() throws IOException {
        Map<String, Long> c = replayWithFault(T2 + 1_000, M1 + 0x100, FaultEvent.Access.WRITE);
        assertThat(c).containsEntry("lookups", 1L).containsEntry("success", 1L).containsEntry("retry", 0L)
                .containsEntry("fallback", 0L).containsEntry("abort", 0L);
    }

    @Test
    void aFaultOnTheVmaTheWriterWriteLockedInsideTheHoldAbortsAndFallsBack() throws IOException {
        Map<String, Long> c = replayWithFault(T1 + HOLD / 2, M2 + 0x100, FaultEvent.Access.READ);
        assertThat(c).containsEntry("lookups", 1L).containsEntry("abort", 1L).containsEntry("fallback", 1L)
                .containsEntry("retry", 0L).containsEntry("success", 0L);
    }

    @Test
    void aFaultBeforeTheHoldBeginsDoesNotMeetIt() throws IOException {
        Map<String, Long> c = replayWithFault(T1 - 1_000, M2 + 0x100, FaultEvent.Access.READ);
        assertThat(c).containsEntry("success", 1L).containsEntry("abort", 0L).containsEntry("fallback", 0L);
    }

    /** Format 3: B asked for the lock at Q and waited queued until T1 (WAIT), held it until T2, exited TAIL later. */
    private static final long WAIT = 20_000, TAIL = 5_000, Q = T1 - WAIT;

    @Test
    void aFirstTouchAnonWriteWhileTheWriterWaitsQueuedFailsTheTrylock() throws IOException {
        Map<String, Long> c = replayWithFault(queuedWriter(), Q + WAIT / 2, M1 + 0x100, FaultEvent.Access.WRITE);
        assertThat(c).containsEntry("lookups", 1L).containsEntry("retry", 1L).containsEntry("fallback", 1L)
                .containsEntry("abort", 0L);
    }

    @Test
    void aFaultOnTheWritersVmaWhileItWaitsQueuedStaysOnThePerVmaPath() throws IOException {
        // Queued, the writer has write-locked nothing yet: vma_start_read() succeeds; a read needs no anon_vma.
        Map<String, Long> c = replayWithFault(queuedWriter(), Q + WAIT / 2, M2 + 0x100, FaultEvent.Access.READ);
        assertThat(c).containsEntry("success", 1L).containsEntry("abort", 0L).containsEntry("fallback", 0L);
    }

    @Test
    void withTheTailKnownTheHoldEndsAtTheTracedReleaseNotAtTheExit() throws IOException {
        Map<String, Long> c = replayWithFault(queuedWriter(), T2 + TAIL / 2, M2 + 0x100, FaultEvent.Access.READ);
        assertThat(c).containsEntry("success", 1L).containsEntry("abort", 0L).containsEntry("fallback", 0L);
        Map<String, Long> held = replayWithFault(queuedWriter(), T2 - 1_000, M2 + 0x100, FaultEvent.Access.READ);
        assertThat(held).containsEntry("abort", 1L).containsEntry("fallback", 1L);
    }

    private static ProtectEvent queuedWriter() {
        return new ProtectEvent(T2 + TAIL, PID, B, M2, LEN, PROT_R, 0).withMmapLock(new MmapLockTimes(HOLD, WAIT, TAIL));
    }

    @Test
    void aSampleReplaysTheSameTwice() throws IOException {
        Path sample = Path.of("..", "traces", "samples", "malloc-stress4.csv.zst");
        Assumptions.assumeTrue(Files.isRegularFile(sample), "no malloc-stress4 sample");
        List<String> first = Files.readAllLines(replay(sample, "a", "8000").resolve(ResultTables.KERNEL_COMPARE));
        List<String> second = Files.readAllLines(replay(sample, "b", "8000").resolve(ResultTables.KERNEL_COMPARE));
        assertThat(first).hasSizeGreaterThan(2).isEqualTo(second);
        assertThat(ReplayDeterminismTest.counterColumns(dir.resolve("a").resolve("summary.csv")))
                .isEqualTo(ReplayDeterminismTest.counterColumns(dir.resolve("b").resolve("summary.csv")));
    }

    /** B's mprotect(M2, PROT_READ) as a format-2 trace has it: exit T2, held HOLD ns, so over [T1, T2]. */
    private Map<String, Long> replayWithFault(long time, long address, FaultEvent.Access access) throws IOException {
        return replayWithFault(new ProtectEvent(T2, PID, B, M2, LEN, PROT_R, 0).withMmapLock(MmapLockTimes.hold(HOLD)), time, address,
                access);
    }

    /** M1 and M2 mapped by A, B started, B's mprotect {@code writer}, and A's one fault. */
    private Map<String, Long> replayWithFault(ProtectEvent writer, long time, long address, FaultEvent.Access access)
            throws IOException {
        List<TraceEvent> events = new ArrayList<>(List.of(
                new MapEvent(1_000, PID, A, 0, LEN, PROT_RW, MAP_PRIVATE_ANON, -1, 0, M1),
                new MapEvent(2_000, PID, A, 0, LEN, PROT_RW, MAP_PRIVATE_ANON, -1, 0, M2),
                new ThreadStart(3_000, PID, B, A),
                writer));
        int errorCode = access == FaultEvent.Access.WRITE ? 0x6 : 0x4;
        events.add(new FaultEvent(time, PID, A, address, 0x401000, access, errorCode)
                .withKernelOutcome(KernelFaultOutcome.PER_VMA));
        events.sort((x, y) -> Long.compare(x.timeNs(), y.timeNs()));
        Path trace = dir.resolve("hold-" + writer.timeNs() + "-" + time + "-" + Long.toHexString(address) + ".csv");
        try (TraceWriter w = TraceWriter.create(trace)) {
            events.forEach(w::write);
            w.commit();
        }
        Path out = replay(trace, "out-" + writer.timeNs() + "-" + time + "-" + Long.toHexString(address), "0");
        List<String> lines = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(lines).hasSize(2);
        String[] cells = lines.get(1).split(",");
        Map<String, Long> counters = new TreeMap<>();
        for (String name : List.of("lookups", "success", "abort", "miss", "fallback", "retry")) {
            counters.put(name, Long.parseLong(cells[ResultCsv.SUMMARY.indexOf(name)]));
        }
        return counters;
    }

    private Path replay(Path trace, String name, String limit) {
        Path out = dir.resolve(name);
        int exit = ReplayMain.commandLine().execute("replay", trace.toString(), "--strategies", "mas-set",
                "--threads", "2", "--runs", "1", "--pace", "trace", "--warmup", "0%", "--jit-passes", "0",
                "--limit", limit, "--in-process", "--no-hunt", "--no-aa", "--out", out.toString());
        assertThat(exit).isZero();
        return out;
    }
}
