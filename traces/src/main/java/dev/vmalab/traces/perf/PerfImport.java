package dev.vmalab.traces.perf;

import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.format.TraceWriter;
import dev.vmalab.traces.io.TraceSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Imports perf script text into a vmalab trace file; the output appears only if the whole import succeeds. */
public final class PerfImport {
    private PerfImport() {}

    public static ImportSummary run(TraceSource in, Path out, ImportOptions options) throws IOException {
        PerfScriptReader reader = new PerfScriptReader(in, options);
        try (TraceWriter writer = TraceWriter.create(out); Stream<TraceEvent> events = reader.events()) {
            events.forEach(writer::write);
            if (writer.written() == 0) { // an empty trace would replay to "no violations": refuse it
                throw new dev.vmalab.traces.format.TraceInputException(in.name(), 0,
                        "no events: empty input, or not `perf script --show-mmap-events --show-task-events` text");
            }
            writer.commit();
        }
        return reader.summary();
    }

    public static ImportSummary run(Path in, Path out, ImportOptions options) throws IOException {
        return run(TraceSource.of(in), out, options);
    }
}
