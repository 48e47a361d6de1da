package dev.vmalab.reports.html;

import dev.vmalab.reports.results.ResultFolder;
import dev.vmalab.reports.results.TraceInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What was replayed, where and how: traces.csv, machine.properties, JFR and flame graph links. */
final class MetadataSection {
    private MetadataSection() {}

    static String html(ResultFolder folder) {
        StringBuilder b = new StringBuilder("<h2 id=\"metadata\">Run metadata</h2>\n");
        if (folder.machine().isEmpty()) {
            b.append("<p class=\"muted\">machine.properties is absent.</p>\n");
        } else {
            b.append("<dl class=\"meta\">\n");
            for (Map.Entry<String, String> e : folder.machine().entrySet()) {
                boolean code = e.getKey().equals("command") || e.getKey().equals("jvm_flags");
                b.append("<dt>").append(Html.esc(e.getKey())).append("</dt><dd>")
                        .append(code ? "<code>" + Html.esc(e.getValue()) + "</code>" : Html.esc(e.getValue()))
                        .append("</dd>\n");
            }
            b.append("</dl>\n<p class=\"muted\">From ").append(Html.link("machine.properties", "machine.properties"))
                    .append(".</p>\n");
        }
        b.append("<h3>Traces</h3>\n");
        if (folder.traces().isEmpty()) {
            b.append("<p class=\"muted\">traces.csv is absent.</p>\n");
        } else {
            List<String> header = new ArrayList<>(folder.traces().getFirst().columns().sequencedKeySet());
            List<List<String>> rows = new ArrayList<>();
            for (TraceInfo t : folder.traces()) {
                rows.add(header.stream().map(h -> Html.esc(t.columns().getOrDefault(h, ""))).toList());
            }
            b.append(Html.table("traces", header.stream().map(Html::esc).toList(), rows, 2));
            b.append("<p class=\"muted\">From ").append(Html.link("traces.csv", "traces.csv")).append(".</p>\n");
        }
        b.append(files("JFR recordings", folder.jfrFiles(), "run with --jfr to record them"));
        b.append(files("Flame graphs", folder.flameGraphs(), "run with --profile to make them"));
        return b.toString();
    }

    private static String files(String title, List<Path> files, String hint) {
        if (files.isEmpty()) return "<h3>" + title + "</h3>\n<p class=\"muted\">None in this folder (" + hint + ").</p>\n";
        StringBuilder b = new StringBuilder("<h3>" + title + "</h3>\n<ul>\n");
        for (Path f : files) b.append("<li>").append(Html.link(f.toString(), f.toString())).append("</li>\n");
        return b.append("</ul>\n").toString();
    }
}
