package dev.vmalab.replay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.replay.cli.ReplayMain;
import dev.vmalab.replay.results.ResultCsv;
import dev.vmalab.replay.results.ResultTables;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.KernelFaultOutcome;
import dev.vmalab.traces.event.MapEvent;
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
 * {@code --pace trace}: thread B's mprotect holds mmap_lock over its traced interval [exit - hold, exit], and
 * thread A's fault meets the lock held or not according to its own trace time alone, on any machine.
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

    /** M1 and M2 mapped by A, B started, B's mprotect(M2, PROT_READ) over [T1, T2], and A's one fault. */
    private Map<String, Long> replayWithFault(long time, long address, FaultEvent.Access access) throws IOException {
        List<TraceEvent> events = new ArrayList<>(List.of(
                new MapEvent(1_000, PID, A, 0, LEN, PROT_RW, MAP_PRIVATE_ANON, -1, 0, M1),
                new MapEvent(2_000, PID, A, 0, LEN, PROT_RW, MAP_PRIVATE_ANON, -1, 0, M2),
                new ThreadStart(3_000, PID, B, A),
                new ProtectEvent(T2, PID, B, M2, LEN, PROT_R, 0).withMmapLockHoldNs(HOLD)));
        int errorCode = access == FaultEvent.Access.WRITE ? 0x6 : 0x4;
        events.add(new FaultEvent(time, PID, A, address, 0x401000, access, errorCode)
                .withKernelOutcome(KernelFaultOutcome.PER_VMA));
        events.sort((x, y) -> Long.compare(x.timeNs(), y.timeNs()));
        Path trace = dir.resolve("hold-" + time + "-" + Long.toHexString(address) + ".csv");
        try (TraceWriter w = TraceWriter.create(trace)) {
            events.forEach(w::write);
            w.commit();
        }
        Path out = replay(trace, "out-" + time + "-" + Long.toHexString(address), "0");
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
