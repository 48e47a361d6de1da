package dev.vmalab.replay.trace;

import dev.vmalab.traces.event.TraceEvent;
import java.nio.file.Path;
import java.util.List;

/**
 * A trace in memory, events ordered by time (ties keep file order). Replay holds the
 * whole trace: workers need random access to partition it by thread.
 *
 * @param name the file name without extensions; names result rows and histogram files
 */
public record LoadedTrace(String name, Path path, List<TraceEvent> events, TraceCounts counts) {
    public LoadedTrace {
        events = List.copyOf(events);
    }
}
