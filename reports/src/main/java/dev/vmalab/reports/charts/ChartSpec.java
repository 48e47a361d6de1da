package dev.vmalab.reports.charts;

import java.util.List;

/**
 * A chart as data: rendered to PNG, and written as CSV and JSON with the same base name so every
 * plotted number can be traced to a file.
 *
 * @param id file base name (no extension), also the HTML anchor
 * @param source which result file(s) and column(s) the numbers come from, and how they were folded
 */
public record ChartSpec(
        String id,
        String title,
        String xLabel,
        String yLabel,
        AxisScale xScale,
        AxisScale yScale,
        List<ChartSeries> series,
        String source) {}
