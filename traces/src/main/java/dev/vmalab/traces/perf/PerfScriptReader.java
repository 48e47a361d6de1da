package dev.vmalab.traces.perf;

import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.format.TextTraceReader;
import dev.vmalab.traces.io.TraceSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Imports the text of {@code perf script --show-mmap-events --show-task-events}
 * (default fields, or {@code -F comm,pid,tid,cpu,time,event,trace --ns}), plain or
 * compressed, as a lazy stream of trace events. Lines are read as the stream is
 * consumed, so any trace size imports in constant memory. After the stream is
 * consumed, {@link #summary()} tells what was imported and skipped.
 */
public final class PerfScriptReader extends TextTraceReader {
    private final ImportOptions options;
    private PerfImporter importer;

    public PerfScriptReader(TraceSource source, ImportOptions options) {
        super(source);
        this.options = options;
    }

    public PerfScriptReader(Path file, ImportOptions options) {
        this(TraceSource.of(file), options);
    }

    @Override
    public Stream<TraceEvent> events() throws IOException {
        BufferedReader text = openText();
        ArrayDeque<TraceEvent> ready = new ArrayDeque<>();
        PerfImporter imp = new PerfImporter(source.name(), options, ready::add);
        importer = imp;
        return StreamSupport.stream(new Lines(text, imp, ready), false).onClose(() -> {
            try {
                text.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Whether the importer understands the perf event of this name (e.g. {@code syscalls:sys_enter_mmap}). */
    public static boolean understands(String eventName) {
        PerfEventKind kind = PerfEventKind.of(eventName);
        return kind != null && kind.type() != PerfEventKind.Type.IGNORED;
    }

    /** What the last stream imported so far (all of it once the stream is consumed). */
    public ImportSummary summary() {
        if (importer == null) throw new IllegalStateException("events() has not been called");
        return importer.summary();
    }

    /** The lines the last stream skipped by reason, and where a damaged input ended (lenient only). */
    @Override
    public dev.vmalab.traces.format.Skips skips() {
        return importer == null ? new dev.vmalab.traces.format.Skips() : importer.skips();
    }

    /** Pulls lines until the importer has produced an event (a line makes zero, one or a few). */
    private final class Lines extends Spliterators.AbstractSpliterator<TraceEvent> {
        private final BufferedReader text;
        private final PerfImporter imp;
        private final ArrayDeque<TraceEvent> ready;
        private boolean ended;

        Lines(BufferedReader text, PerfImporter imp, ArrayDeque<TraceEvent> ready) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.text = text;
            this.imp = imp;
            this.ready = ready;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TraceEvent> action) {
            while (ready.isEmpty()) {
                if (ended) return false;
                String line;
                try {
                    line = text.readLine();
                } catch (IOException e) {
                    imp.truncated(unreadable(imp.lineNumber() + 1, e));
                    line = null;
                }
                if (line == null) {
                    ended = true;
                    imp.finish();
                } else {
                    imp.accept(line);
                }
            }
            action.accept(ready.poll());
            return true;
        }
    }
}
