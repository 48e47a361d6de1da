package dev.vmalab.replay.results;

import dev.vmalab.traces.io.AtomicOutput;
import dev.vmalab.replay.measure.CellResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/** histograms/&lt;trace&gt;__&lt;strategy&gt;__t&lt;threads&gt;__r&lt;run&gt;.hlog: one interval per run, tagged with the strategy. */
public final class HistogramFiles {
    public static final String DIR = "histograms";

    private HistogramFiles() {}

    /** Deletes the logs an earlier run left in {@code resultDir}: they would be mistaken for this run's. */
    public static void deleteAll(Path resultDir) throws IOException {
        Path hist = resultDir.resolve(DIR);
        if (!Files.isDirectory(hist)) return;
        try (DirectoryStream<Path> old = Files.newDirectoryStream(hist, "*.hlog")) {
            for (Path p : old) Files.delete(p);
        }
    }

    public static Path write(Path resultDir, CellResult r) throws IOException {
        Path file = resultDir.resolve(DIR).resolve(r.key().fileStem() + ".hlog");
        Histogram h = r.latency().copy();
        h.setTag(r.key().strategy());
        h.setStartTimeStamp(r.startEpochMs());
        h.setEndTimeStamp(r.startEpochMs() + Math.max(1, Math.round(r.wallMs())));
        AtomicOutput.write(file, out -> {
            PrintStream ps = new PrintStream(out, false, StandardCharsets.UTF_8);
            HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputComment("vmalab lookup latency (ns): " + r.key().fileStem() + " seed " + r.seed());
            w.outputLogFormatVersion();
            w.outputStartTime(r.startEpochMs());
            w.setBaseTime(r.startEpochMs());
            w.outputLegend();
            w.outputIntervalHistogram(h);
            ps.flush();
        });
        return file;
    }
}
