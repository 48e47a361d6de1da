package dev.vmalab.reports.charts;

/** How an axis maps values: linear, base-10 logarithmic, or the percentile axis x = 1/(1 - p). */
public enum AxisScale {
    LINEAR,
    LOG,
    /** HdrHistogram's percentile plot: values are 1/(1-p), drawn log-scaled, labelled 90%, 99%, 99.9% ... */
    PERCENTILE_TAIL
}
