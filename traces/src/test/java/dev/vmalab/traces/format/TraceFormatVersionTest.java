package dev.vmalab.traces.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmalab.traces.Fixtures;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.KernelFaultOutcome;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.MmapLockTimes;
import dev.vmalab.traces.event.MmapLockWriter;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.event.UnmapEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Version 3 of the trace CSV keeps the kernel's fault outcomes and the writers' mmap_lock wait, hold and tail;
 * versions 1 and 2 still read.
 */
class TraceFormatVersionTest {
    @TempDir
    Path dir;

    @Test
    void version3KeepsKernelOutcomesAndLockTimes() throws IOException {
        List<TraceEvent> events = List.of(
                new MapEvent(1, 7, 7, 0, 0x1000, 3, 0x22, -1, 0, 0x7f0000000000L)
                        .withMmapLock(new MmapLockTimes(2500, 1200, 300)),
                new FaultEvent(2, 7, 8, 0x7f0000000010L, 0x400000, FaultEvent.Access.WRITE, 6,
                        KernelFaultOutcome.ANON_RETRY),
                new FaultEvent(3, 7, 8, 0x7f0000000020L, 0x400000, FaultEvent.Access.READ, 4,
                        KernelFaultOutcome.PER_VMA),
                new FaultEvent(4, 7, 8, 0x7f0000000030L, 0x400000, FaultEvent.Access.READ, 4),
                new UnmapEvent(5, 7, 7, 0x7f0000000000L, 0x1000, 0).withMmapLockHoldNs(800),
                new UnmapEvent(6, 7, 7, 0x7f0000000000L, 0x1000, 0));
        Path f = dir.resolve("t.csv");
        try (TraceWriter w = TraceWriter.create(f)) {
            events.forEach(w::write);
            w.commit();
        }
        assertThat(Files.readAllLines(f).getFirst()).isEqualTo("# vmalab-trace 3");
        assertThat(Fixtures.readAll(new CsvTraceReader(f))).isEqualTo(events);
    }

    @Test
    void aVersion1FileReadsWithUnknownOutcomesAndHolds() throws IOException {
        String v1Header = String.join(",", TraceCsv.COLUMNS.subList(0, 23));
        String fault = "10,7,7,fault,0x7f0000000010,,,,,,,,,,0x400000,write,0x6,,,,,,";
        String unmap = "11,7,7,unmap,0x7f0000000000,0x1000,,,,,,,,0x0,,,,,,,,,";
        Path f = Files.writeString(dir.resolve("old.csv"), "# vmalab-trace 1\n" + v1Header + "\n" + fault + "\n"
                + unmap + "\n");
        List<TraceEvent> events = Fixtures.readAll(new CsvTraceReader(f));
        assertThat(events).hasSize(2);
        assertThat(((FaultEvent) events.get(0)).kernelOutcome()).isEqualTo(KernelFaultOutcome.UNKNOWN);
        assertThat(((MmapLockWriter) events.get(1)).mmapLockHoldNs()).isEqualTo(MmapLockWriter.UNKNOWN_HOLD);
    }

    @Test
    void aVersion2FileReadsWithUnknownWaitAndTail() throws IOException {
        String v2Header = String.join(",", TraceCsv.COLUMNS.subList(0, 25));
        String unmap = "11,7,7,unmap,0x7f0000000000,0x1000,,,,,,,,0x0,,,,,,,,,,,900";
        Path f = Files.writeString(dir.resolve("v2.csv"), "# vmalab-trace 2\n" + v2Header + "\n" + unmap + "\n");
        List<TraceEvent> events = Fixtures.readAll(new CsvTraceReader(f));
        assertThat(((MmapLockWriter) events.getFirst()).mmapLock()).isEqualTo(MmapLockTimes.hold(900));
    }

    @Test
    void aWaitWithoutAHoldIsRejected() throws IOException {
        String header = String.join(",", TraceCsv.COLUMNS);
        String unmap = "11,7,7,unmap,0x7f0000000000,0x1000,,,,,,,,0x0,,,,,,,,,,,,100,";
        Path f = Files.writeString(dir.resolve("bad.csv"), "# vmalab-trace 3\n" + header + "\n" + unmap + "\n");
        assertThatThrownBy(() -> Fixtures.readAll(new CsvTraceReader(f)))
                .isInstanceOf(TraceInputException.class).hasMessageContaining(":3: ").hasMessageContaining("without mmap_lock_hold_ns");
    }

    @Test
    void aVersion1HeaderUnderAVersion2CommentIsRejected() throws IOException {
        String v1Header = String.join(",", TraceCsv.COLUMNS.subList(0, 23));
        Path f = Files.writeString(dir.resolve("bad.csv"), "# vmalab-trace 2\n" + v1Header + "\n");
        assertThatThrownBy(() -> Fixtures.readAll(new CsvTraceReader(f)))
                .isInstanceOf(TraceInputException.class).hasMessageContaining(":2: header of version 2");
    }

    @Test
    void aHoldTimeOnARowThatIsNoWriterIsRejected() throws IOException {
        String header = String.join(",", TraceCsv.COLUMNS);
        String hold = "10,7,7,thread_exit" + ",".repeat(TraceCsv.COLUMNS.size() - 7) + ",5,,";
        Path f = Files.writeString(dir.resolve("bad.csv"), "# vmalab-trace 3\n" + header + "\n" + hold + "\n");
        assertThatThrownBy(() -> Fixtures.readAll(new CsvTraceReader(f)))
                .isInstanceOf(TraceInputException.class).hasMessageContaining("mmap_lock_hold_ns is set on a thread_exit");
        String tail = "10,7,7,thread_exit" + ",".repeat(TraceCsv.COLUMNS.size() - 5) + ",5";
        Path g = Files.writeString(dir.resolve("bad2.csv"), "# vmalab-trace 3\n" + header + "\n" + tail + "\n");
        assertThatThrownBy(() -> Fixtures.readAll(new CsvTraceReader(g)))
                .isInstanceOf(TraceInputException.class).hasMessageContaining("mmap_lock_tail_ns is set on a thread_exit");
    }
}
