package dev.vmalab.reports.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/** Reads histograms/&lt;trace&gt;__&lt;strategy&gt;__t&lt;threads&gt;__r&lt;run&gt;.hlog files. */
final class HistogramLogs {
    /** Greedy trace group: a trace name may itself contain "__", a strategy name may not. */
    private static final Pattern NAME = Pattern.compile("(.+)__([^_](?:[^_]|_(?!_))*)__t(\\d+)__r(\\d+)\\.hlog");

    private HistogramLogs() {}

    static List<LatencyLog> read(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".hlog")).sorted().toList();
        } catch (IOException e) {
            throw new ResultFormatException(dir, "cannot list: " + e.getMessage(), e);
        }
        List<LatencyLog> logs = new ArrayList<>();
        for (Path f : files) logs.add(readOne(f));
        return logs;
    }

    static LatencyLog readOne(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new ResultFormatException(file, 0, "name is not <trace>__<strategy>__t<threads>__r<run>.hlog");
        }
        RunKey key = new RunKey(m.group(1), m.group(2), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
        // Latencies span ns to ms when a lookup falls back to mmap_lock: let the histogram grow.
        Histogram total = new Histogram(3);
        total.setAutoResize(true);
        int intervals = 0;
        try (InputStream in = Files.newInputStream(file); HistogramLogReader reader = new HistogramLogReader(in)) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                if (!(h instanceof AbstractHistogram integral)) {
                    throw new ResultFormatException(file, 0, "holds a DoubleHistogram; expected integer nanoseconds");
                }
                total.add(integral);
                intervals++;
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ResultFormatException rfe) throw rfe;
            throw new ResultFormatException(file, "cannot read HdrHistogram log: " + e, e);
        }
        if (intervals == 0) throw new ResultFormatException(file, 0, "holds no interval histogram");
        return new LatencyLog(key, file, total);
    }
}
