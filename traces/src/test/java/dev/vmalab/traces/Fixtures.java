package dev.vmalab.traces;

import dev.vmalab.traces.event.AdviseEvent;
import dev.vmalab.traces.event.BrkEvent;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.InitialMapping;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.MapsRead;
import dev.vmalab.traces.event.ProcessStart;
import dev.vmalab.traces.event.ProtectEvent;
import dev.vmalab.traces.event.RemapEvent;
import dev.vmalab.traces.event.ThreadExit;
import dev.vmalab.traces.event.ThreadStart;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.event.UnmapEvent;
import dev.vmalab.traces.format.TraceReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Paths of the test fixtures and committed samples, and small helpers shared by tests. */
public final class Fixtures {
    private Fixtures() {}

    /** traces/samples (surefire runs in the module directory). */
    public static final Path SAMPLES = Path.of("samples");

    /** perf script of mmtest.c (default layout, xz). */
    public static Path perfFixture(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/perf/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<TraceEvent> readAll(TraceReader reader) {
        try (Stream<TraceEvent> events = reader.events()) {
            return events.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One event of every type, with awkward values: names with commas and quotes, negative errnos, high addresses. */
    public static List<TraceEvent> oneOfEach() {
        return List.of(
                new ProcessStart(1_000, 10, 10, 1, ProcessStart.How.FORK, "Web Content, \"main\""),
                new ProcessStart(2_000, 10, 10, 10, ProcessStart.How.EXEC, "a.out"),
                new ThreadStart(3_000, 10, 11, 10),
                new InitialMapping(4_000, 10, 10, 0x5555_5555_4000L, 0x5555_5556_4000L, 5, 2, 0x1000, "/usr/bin/a b",
                        false),
                new InitialMapping(4_500, 10, 10, 0x7ffd_0000_0000L, 0x7ffd_0002_0000L, 3, 0x22, 0, "[stack]", true),
                new MapEvent(5_000, 10, 11, 0, 0x2000, 3, 0x22, -1, 0, 0x7f00_0000_0000L),
                new MapEvent(5_100, 10, 11, 0, 0x2000, 3, 0x22, -1, 0, -12),
                new UnmapEvent(6_000, 10, 11, 0x7f00_0000_0000L, 0x1000, 0),
                new ProtectEvent(7_000, 10, 10, 0x7f00_0000_1000L, 0x1000, 1, -22),
                new RemapEvent(8_000, 10, 10, 0x7f00_0000_1000L, 0x1000, 0x4000, 1, 0, 0x7e00_0000_0000L),
                new BrkEvent(9_000, 10, 10, 0, 0x5555_5600_0000L),
                new AdviseEvent(10_000, 10, 11, 0x7e00_0000_0000L, 0x4000, 4, 0),
                new FaultEvent(11_000, 10, 11, 0x7e00_0000_0123L, 0x5555_5555_4abcL, FaultEvent.Access.WRITE, 0x6),
                new FaultEvent(11_500, 10, 11, 0x5555_5555_4abcL, 0x5555_5555_4abcL, FaultEvent.Access.EXEC, 0x14),
                new MapsRead(12_000, 20, 21, 10),
                new ThreadExit(13_000, 10, 11));
    }
}
