package dev.vmalab.replay.trace;

import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.format.Skips;
import java.nio.file.Path;
import java.util.List;

/**
 * A trace in memory, events ordered by time (ties keep file order). Replay holds the
 * whole trace: workers need random access to partition it by thread.
 *
 * @param name  the file name without extensions; names result rows and histogram files
 * @param skips what a lenient read left out (rows by reason, where a damaged input ended); empty when strict
 */
public record LoadedTrace(String name, Path path, List<TraceEvent> events, TraceCounts counts, Skips skips) {
    public LoadedTrace {
        events = List.copyOf(events);
    }

    /** A trace read whole. */
    public LoadedTrace(String name, Path path, List<TraceEvent> events, TraceCounts counts) {
        this(name, path, events, counts, new Skips());
    }
}
