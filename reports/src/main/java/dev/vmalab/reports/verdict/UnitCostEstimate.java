package dev.vmalab.reports.verdict;

import dev.vmalab.reports.results.SummaryRow;
import dev.vmalab.reports.stats.Samples;
import java.util.List;

/**
 * What one maple node read and one abort with its mmap_lock fallback cost, in ns, for turning
 * paired extra work into ns per fault. Until a calibration against the real kernel exists these
 * are model-measured from the folder's own summary rows (the source says which way):
 * <ol>
 * <li>least squares of {@code mean_ns} on {@code nodes_per_lookup} and the fallback share over
 *     every row (the traces differ in tree depth and fallback rate, which separates the two), used
 *     when both slopes come out positive;</li>
 * <li>otherwise bounds: a node read at most {@code mean_ns / nodes_per_lookup} (median over rows:
 *     the whole lookup charged to its node reads), and an abort with fallback the mean latency of
 *     {@code mmap-lock-only} (every lookup of it is one under mmap_lock), or twice the mean
 *     latency when that strategy was not run (the failed attempt plus the locked lookup).</li>
 * </ol>
 */
public record UnitCostEstimate(double nodeReadNs, double abortFallbackNs, String source) {

    public static UnitCostEstimate fromSummary(List<SummaryRow> rows) {
        List<SummaryRow> used = rows.stream().filter(r -> !AaControl.isControl(r.strategy())).toList();
        int n = used.size();
        double[] y = new double[n], x1 = new double[n], x2 = new double[n];
        for (int i = 0; i < n; i++) {
            SummaryRow r = used.get(i);
            y[i] = r.meanNs();
            x1[i] = r.nodesPerLookup();
            x2[i] = (double) r.fallback() / r.lookups();
        }
        double[] b = leastSquares(y, x1, x2);
        if (b != null && b[1] > 0 && b[2] > 0) {
            return new UnitCostEstimate(b[1], b[2], String.format(java.util.Locale.ROOT,
                    "model-measured: least squares of mean_ns on nodes_per_lookup and fallback share over %d "
                            + "summary.csv rows of this folder (JVM model, not the kernel)", n));
        }
        double[] perNode = used.stream().filter(r -> r.nodesPerLookup() > 0)
                .mapToDouble(r -> r.meanNs() / r.nodesPerLookup()).toArray();
        double node = Samples.median(perNode);
        double[] locked = used.stream().filter(r -> r.strategy().equals("mmap-lock-only")).mapToDouble(SummaryRow::meanNs).toArray();
        double mean = Samples.mean(used.stream().mapToDouble(SummaryRow::meanNs).toArray());
        boolean haveLocked = locked.length > 0;
        double abort = haveLocked ? Samples.mean(locked) : 2 * mean;
        return new UnitCostEstimate(node, abort, "model-measured bounds (least squares not usable on these " + n
                + " rows): node read = median of mean_ns / nodes_per_lookup; abort with fallback = "
                + (haveLocked ? "mean latency of mmap-lock-only" : "2 x mean latency (failed attempt + locked lookup)")
                + " (JVM model, not the kernel)");
    }

    /** Coefficients [a, b1, b2] of y = a + b1 x1 + b2 x2, or null when the normal equations are singular. */
    static double[] leastSquares(double[] y, double[] x1, double[] x2) {
        int n = y.length;
        if (n < 4) return null;
        double[][] m = new double[3][4];
        for (int i = 0; i < n; i++) {
            double[] row = {1, x1[i], x2[i]};
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) m[j][k] += row[j] * row[k];
                m[j][3] += row[j] * y[i];
            }
        }
        for (int c = 0; c < 3; c++) { // Gauss-Jordan with partial pivoting
            int p = c;
            for (int r = c + 1; r < 3; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
            if (Math.abs(m[p][c]) < 1e-9 * Math.max(1, Math.abs(m[0][0]))) return null;
            double[] t = m[c]; m[c] = m[p]; m[p] = t;
            for (int r = 0; r < 3; r++) {
                if (r == c) continue;
                double f = m[r][c] / m[c][c];
                for (int k = c; k < 4; k++) m[r][k] -= f * m[c][k];
            }
        }
        return new double[] {m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]};
    }
}
