package dev.vmalab.reports.charts;

import dev.vmalab.reports.io.AtomicFiles;
import dev.vmalab.reports.io.CsvOut;
import dev.vmalab.reports.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes &lt;id&gt;.png, &lt;id&gt;.csv and &lt;id&gt;.json for a chart into one directory. */
public final class ChartFiles {
    private final Path dir;
    private final ChartRenderer renderer;

    public ChartFiles(Path dir, ChartRenderer renderer) {
        this.dir = dir;
        this.renderer = renderer;
    }

    public void write(ChartSpec spec) {
        CsvOut.write(dir.resolve(spec.id() + ".csv"), List.of("series", "x", "y", "error"), rows(spec));
        AtomicFiles.writeString(dir.resolve(spec.id() + ".json"), Json.write(json(spec)));
        AtomicFiles.write(dir.resolve(spec.id() + ".png"), renderer.png(spec));
    }

    private static List<List<Object>> rows(ChartSpec spec) {
        List<List<Object>> rows = new ArrayList<>();
        for (ChartSeries s : spec.series()) {
            for (int i = 0; i < s.x().length; i++) {
                int at = i;
                rows.add(List.of(s.name(), s.x()[i], s.y()[i], s.error().map(e -> (Object) e[at]).orElse("")));
            }
        }
        return rows;
    }

    private static Map<String, Object> json(ChartSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", spec.id());
        m.put("title", spec.title());
        m.put("x_label", spec.xLabel());
        m.put("y_label", spec.yLabel());
        m.put("x_scale", spec.xScale().name().toLowerCase());
        m.put("y_scale", spec.yScale().name().toLowerCase());
        m.put("source", spec.source());
        List<Object> series = new ArrayList<>();
        for (ChartSeries s : spec.series()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", s.name());
            o.put("x", s.x());
            o.put("y", s.y());
            s.error().ifPresent(e -> o.put("error", e));
            series.add(o);
        }
        m.put("series", series);
        return m;
    }
}
