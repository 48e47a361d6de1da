package dev.vmalab.reports.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/** Renders a {@link ChartSpec} to PNG bytes with XChart (headless). */
public final class ChartRenderer {
    public static final int WIDTH = 880;
    public static final int HEIGHT = 440;

    private final Palette palette;

    public ChartRenderer(Palette palette) {
        this.palette = palette;
    }

    public byte[] png(ChartSpec spec) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(spec.title())
                .xAxisTitle(spec.xLabel()).yAxisTitle(spec.yLabel()).build();
        style(chart, spec);
        int drawn = 0;
        for (ChartSeries s : spec.series()) {
            if (add(chart, spec, s)) drawn++;
        }
        if (drawn == 0) {
            // XChart cannot draw an empty plot; an invisible point keeps the axes and title.
            XYSeries none = chart.addSeries("(no data)", new double[] {1}, new double[] {1});
            none.setLineColor(new Color(0, 0, 0, 0));
            none.setMarkerColor(new Color(0, 0, 0, 0));
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart " + spec.id(), e);
        }
    }

    private boolean add(XYChart chart, ChartSpec spec, ChartSeries s) {
        // Log axes cannot show zero or negative values: drop those points from the picture (the CSV keeps them).
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < s.x().length; i++) {
            double x = s.x()[i];
            double y = s.y()[i];
            if (!Double.isFinite(x) || !Double.isFinite(y)) continue;
            if (spec.xScale() == AxisScale.PERCENTILE_TAIL) x = Math.log10(x);
            if (spec.xScale() == AxisScale.LOG && x <= 0) continue;
            if (spec.yScale() != AxisScale.LINEAR && y <= 0) continue;
            points.add(new double[] {x, y});
        }
        if (points.isEmpty()) return false;
        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
        XYSeries series;
        // Error bars only when every point is drawn (indices line up) and the axis is linear (bars may cross zero).
        if (s.error().isPresent() && spec.yScale() == AxisScale.LINEAR && points.size() == s.x().length) {
            series = chart.addSeries(s.name(), x, y, s.error().get());
        } else {
            series = chart.addSeries(s.name(), x, y);
        }
        series.setLineColor(palette.color(s.name()));
        series.setMarkerColor(palette.color(s.name()));
        series.setMarker(palette.marker(s.name()));
        series.setLineWidth(1.6f);
        return true;
    }

    private static void style(XYChart chart, ChartSpec spec) {
        var st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(new Color(0xBBBBBB));
        st.setPlotGridLinesColor(new Color(0xE4E4E4));
        st.setPlotGridLinesStroke(new BasicStroke(1f));
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setLegendBorderColor(Color.WHITE);
        st.setChartTitleBoxVisible(false);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setMarkerSize(7);
        st.setErrorBarsColorSeriesColor(true);
        st.setAntiAlias(true);
        switch (spec.xScale()) {
            case LINEAR -> { }
            case LOG -> st.setXAxisLogarithmic(true);
            case PERCENTILE_TAIL -> {
                // XChart's custom tick labels do not work on its log axis (the tick search never ends), so
                // the renderer plots log10(1/(1-p)) on a linear axis and labels ticks as percentiles.
                st.setXAxisMin(0.0);
                st.setXAxisMax(Math.ceil(maxX(spec)));
                st.setXAxisTickMarkSpacingHint(90);
                st.setxAxisTickLabelsFormattingFunction(ChartRenderer::percentileLabel);
            }
        }
        if (spec.yScale() != AxisScale.LINEAR) {
            st.setYAxisLogarithmic(true);
        } else {
            // Custom labels only on linear axes: XChart computes them with its linear tick search.
            st.setyAxisTickLabelsFormattingFunction(ChartRenderer::siLabel);
        }
        if (spec.xScale() == AxisScale.PERCENTILE_TAIL) st.setMarkerSize(4);
    }

    /** Tick at v = log10(1/(1-p)): 0 -> 0%, 1 -> 90%, 2 -> 99%, 3 -> 99.9%, with just enough decimals. */
    static String percentileLabel(double v) {
        // XChart also formats ticks left of the axis and retries until all labels differ: keep those unique.
        if (v < 0) return String.format(java.util.Locale.ROOT, "%.6f", v);
        if (v == 0) return "0%";
        double percent = 100 * (1 - Math.pow(10, -v));
        int decimals = Math.max(0, (int) Math.ceil(v - 1e-9) - 2);
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f%%", percent);
    }

    /** 25000000 -> "25M", 1500 -> "1.5k", 0.25 -> "0.25": short enough for an axis, exact enough to differ. */
    static String siLabel(double v) {
        double a = Math.abs(v);
        String[] suffix = {"", "k", "M", "G", "T"};
        int i = 0;
        while (a >= 1000 && i < suffix.length - 1) {
            a /= 1000;
            v /= 1000;
            i++;
        }
        String n = new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        return n + suffix[i];
    }

    private static double maxX(ChartSpec spec) {
        double max = 1;
        for (ChartSeries s : spec.series()) {
            for (double x : s.x()) if (x > 1 && Double.isFinite(x)) max = Math.max(max, Math.log10(x));
        }
        return max;
    }
}
