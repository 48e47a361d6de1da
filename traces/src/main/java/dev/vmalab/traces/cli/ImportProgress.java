package dev.vmalab.traces.cli;

import dev.vmalab.traces.io.TraceSource;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar over the bytes of the input file read so far (compressed bytes,
 * so the bar moves evenly whatever the compression), drawn on stderr only when it
 * is a terminal and the file is big enough for the wait to be noticeable.
 */
final class ImportProgress implements AutoCloseable {
    /** Below this, an import finishes in about a second: no bar. */
    static final long MIN_BYTES = 32L << 20;

    private final ProgressBar bar;
    private boolean closed;

    private ImportProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A source that reports progress, or the plain source when no bar is wanted. */
    static ImportProgress attach(Path file, TraceSource[] source) throws IOException {
        long size = Files.size(file);
        if (size < MIN_BYTES || !Terminal.stderrIsTerminal()) return new ImportProgress(null);
        ProgressBar bar = new ProgressBarBuilder().setTaskName("import").setInitialMax(size >> 20)
                .setUnit(" MiB", 1).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        source[0] = new TraceSource(file.toString(), () -> new Counting(Files.newInputStream(file), bar));
        return new ImportProgress(bar);
    }

    @Override
    public void close() {
        if (bar != null && !closed) bar.close();
        closed = true;
    }

    private static final class Counting extends FilterInputStream {
        private final ProgressBar bar;
        private long read;

        Counting(InputStream in, ProgressBar bar) {
            super(in);
            this.bar = bar;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) advance(1);
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) advance(n);
            return n;
        }

        private void advance(int n) {
            read += n;
            bar.stepTo(read >> 20);
        }
    }
}
