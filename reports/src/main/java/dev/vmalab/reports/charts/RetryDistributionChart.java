package dev.vmalab.reports.charts;

import dev.vmalab.reports.results.RetryCount;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Share of lookups that needed exactly k walk retries (misses), per strategy, from retries.csv. */
public final class RetryDistributionChart {
    private RetryDistributionChart() {}

    public static ChartSpec of(int threads, List<String> strategies, List<RetryCount> counts) {
        List<ChartSeries> series = new ArrayList<>();
        for (String strategy : strategies) {
            TreeMap<Integer, Long> byRetries = new TreeMap<>();
            long total = 0;
            for (RetryCount c : counts) {
                if (!c.key().strategy().equals(strategy) || c.key().threads() != threads) continue;
                byRetries.merge(c.retries(), c.lookups(), Long::sum);
                total += c.lookups();
            }
            if (total == 0) continue;
            double[] x = byRetries.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            long all = total;
            double[] y = byRetries.values().stream().mapToDouble(n -> 100.0 * n / all).toArray();
            series.add(ChartSeries.of(strategy, x, y));
        }
        return new ChartSpec("retries-t" + threads,
                "Walk retries per lookup, " + threads + " thread" + (threads == 1 ? "" : "s"),
                "retries (misses) in one lookup", "% of lookups (log)", AxisScale.LINEAR, AxisScale.LOG, series,
                "retries.csv rows with threads=" + threads + ", lookups summed over traces and runs, "
                        + "as a share of the strategy's lookups");
    }
}
