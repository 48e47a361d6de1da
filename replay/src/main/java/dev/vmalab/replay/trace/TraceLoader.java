package dev.vmalab.replay.trace;

import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.format.TraceFormat;
import dev.vmalab.traces.format.TraceInputException;
import dev.vmalab.traces.format.TraceReader;
import dev.vmalab.traces.io.TraceSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reads a trace file with the traces module's readers (format and compression detected). */
public final class TraceLoader {
    private TraceLoader() {}

    private static final List<String> EXTENSIONS = List.of(".zst", ".xz", ".gz", ".bz2", ".csv", ".perf", ".txt");

    /** @param limit at most this many events (0 = all) */
    public static LoadedTrace load(Path file, long limit) throws IOException {
        return load(file, limit, false);
    }

    /**
     * @param limit   at most this many events (0 = all)
     * @param lenient skip bad rows and impossible events (both readers apply traces' EventChecks, with the
     *                file's line) and count them; read a damaged compressed trace up to the damage
     */
    public static LoadedTrace load(Path file, long limit, boolean lenient) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "no such trace file");
        TraceSource source = TraceSource.of(file);
        List<TraceEvent> events = new ArrayList<>();
        TraceReader reader = TraceFormat.detect(source).readerFor(source, lenient);
        try (Stream<TraceEvent> s = reader.events()) {
            (limit > 0 ? s.limit(limit) : s).forEach(events::add);
        }
        if (events.isEmpty()) {
            throw new TraceInputException(file.toString(), 0, "no events (an empty trace would replay to \"no violations\")"
                    + (reader.skips().isEmpty() ? "" : "; --lenient skipped " + reader.skips().format()));
        }
        // The readers checked time order (EventChecks): the sort only orders ties stably, it reorders nothing.
        events.sort(Comparator.comparingLong(TraceEvent::timeNs));
        return new LoadedTrace(nameOf(file), file, events, TraceCounts.of(events), reader.skips());
    }

    /** {@code xz-t2.csv.zst} -> {@code xz-t2}: result files are named by it. */
    public static String nameOf(Path file) {
        String n = file.getFileName().toString();
        for (boolean stripped = true; stripped; ) {
            stripped = false;
            for (String ext : EXTENSIONS) {
                if (n.endsWith(ext) && n.length() > ext.length()) {
                    n = n.substring(0, n.length() - ext.length());
                    stripped = true;
                }
            }
        }
        return n.replaceAll("[^A-Za-z0-9._+-]", "_");
    }
}
