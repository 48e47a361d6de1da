package dev.vmalab.reports.verdict;

import dev.vmalab.reports.metrics.MetricDifference;
import java.util.Optional;

/**
 * The A/A control's verdict: the reference against itself under another name. {@code ns} is the
 * absolute difference of their mean latencies (ns per lookup): what the same code measured apart in
 * this folder; NaN without a control.
 */
public record NoiseFloor(String control, Optional<MetricDifference> difference, double ns) {
    public boolean known() {
        return !Double.isNaN(ns);
    }

    /** True when the A/A control was judged different: the timing of this folder is not to be trusted. */
    public boolean judgedDifferent() {
        return difference.map(d -> d.judgement().significant()).orElse(false);
    }
}
