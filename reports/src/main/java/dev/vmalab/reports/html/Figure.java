package dev.vmalab.reports.html;

import dev.vmalab.reports.charts.ChartRenderer;
import dev.vmalab.reports.charts.ChartSpec;

/** A chart's PNG with its caption and links to the CSV and JSON holding the plotted numbers. */
public final class Figure {
    private Figure() {}

    /** @param assetDir the chart files' folder relative to the page, e.g. "report" */
    public static String html(String assetDir, ChartSpec spec, String caption) {
        String base = assetDir + "/" + spec.id();
        return "<figure id=\"" + Html.esc(spec.id()) + "\">\n<img src=\"" + Html.esc(Html.href(base + ".png"))
                + "\" alt=\"" + Html.esc(spec.title()) + "\" width=\"" + ChartRenderer.WIDTH + "\" height=\""
                + ChartRenderer.HEIGHT + "\">\n<figcaption>" + (caption.isEmpty() ? "" : Html.esc(caption) + " ")
                + "Source: " + Html.esc(spec.source()) + ". Data: " + Html.link(base + ".csv", "CSV") + " · "
                + Html.link(base + ".json", "JSON") + "</figcaption>\n</figure>\n";
    }
}
