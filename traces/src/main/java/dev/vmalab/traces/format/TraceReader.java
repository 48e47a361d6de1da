package dev.vmalab.traces.format;

import dev.vmalab.traces.event.TraceEvent;
import java.io.IOException;
import java.util.stream.Stream;

/**
 * A source of trace events. The stream is lazy (events are decoded as they are
 * consumed, so memory does not grow with the trace) and must be closed, which
 * closes the file: {@code try (Stream<TraceEvent> s = reader.events()) { ... }}.
 * Bad input surfaces as {@link TraceInputException} from the stream.
 */
@FunctionalInterface
public interface TraceReader {
    Stream<TraceEvent> events() throws IOException;

    /** What a lenient read of the last stream skipped, and where a damaged input ended; empty when strict. */
    default Skips skips() {
        return new Skips();
    }
}
