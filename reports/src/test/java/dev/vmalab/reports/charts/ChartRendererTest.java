package dev.vmalab.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ChartRendererTest {
    @Test
    void percentileTicksReadAsNines() {
        assertThat(ChartRenderer.percentileLabel(0)).isEqualTo("0%");
        assertThat(ChartRenderer.percentileLabel(1)).isEqualTo("90%");
        assertThat(ChartRenderer.percentileLabel(2)).isEqualTo("99%");
        assertThat(ChartRenderer.percentileLabel(3)).isEqualTo("99.9%");
        assertThat(ChartRenderer.percentileLabel(5)).isEqualTo("99.999%");
    }

    @Test
    void axisNumbersAreShortAndStillDistinct() {
        assertThat(ChartRenderer.siLabel(25_000_000)).isEqualTo("25M");
        assertThat(ChartRenderer.siLabel(1_500)).isEqualTo("1.5k");
        assertThat(ChartRenderer.siLabel(0.25)).isEqualTo("0.25");
        assertThat(ChartRenderer.siLabel(0)).isEqualTo("0");
        assertThat(ChartRenderer.siLabel(-5_000_000)).isEqualTo("-5M");
    }

    @Test
    @Timeout(30)
    void chartsWithOnlyZerosOnALogAxisStillRender() {
        ChartSpec spec = new ChartSpec("z", "zeros", "x", "y", AxisScale.LINEAR, AxisScale.LOG,
                List.of(ChartSeries.of("a", new double[] {1, 2}, new double[] {0, 0})), "test");
        byte[] png = new ChartRenderer(new Palette(List.of("a"))).png(spec);
        assertThat(png).isNotEmpty();
    }

    @Test
    @Timeout(30)
    void aPercentileChartRenders() {
        ChartSpec spec = new ChartSpec("p", "percentiles", "percentile", "ns", AxisScale.PERCENTILE_TAIL, AxisScale.LOG,
                List.of(new ChartSeries("a", new double[] {1, 2, 10, 100, 1000}, new double[] {100, 120, 200, 900, 5000},
                        Optional.empty())), "test");
        assertThat(new ChartRenderer(new Palette(List.of("a"))).png(spec)).isNotEmpty();
    }
}
