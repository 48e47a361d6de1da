package dev.vmalab.reports.charts;

import java.util.Optional;

/**
 * One line of a chart: points (x[i], y[i]) and, optionally, a symmetric error per point.
 */
public record ChartSeries(String name, double[] x, double[] y, Optional<double[]> error) {
    public ChartSeries {
        if (x.length != y.length || error.map(e -> e.length != x.length).orElse(false)) {
            throw new IllegalArgumentException("series " + name + ": x, y and error lengths differ");
        }
    }

    public static ChartSeries of(String name, double[] x, double[] y) {
        return new ChartSeries(name, x, y, Optional.empty());
    }

    public static ChartSeries withError(String name, double[] x, double[] y, double[] error) {
        return new ChartSeries(name, x, y, Optional.of(error));
    }
}
