package dev.vmalab.reports.stats;

import java.util.Arrays;

/**
 * Two-sided Mann-Whitney U test of two independent samples. Exact null distribution when there
 * are no ties and the samples are small (the usual 3-10 runs); otherwise the normal approximation
 * with tie and continuity corrections. With 5 runs a side the smallest possible p is 2/252 = 0.008.
 */
public final class MannWhitney {
    private static final int EXACT_LIMIT = 20;

    private MannWhitney() {}

    /**
     * The smallest two-sided p-value any data can give with these sample sizes (every value of one
     * sample above every value of the other): 2 / C(n1 + n2, n1). 3 runs a side: 0.1; 5 a side: 0.008.
     */
    public static double smallestPValue(int n1, int n2) {
        double orderings = 1;
        for (int i = 1; i <= n1; i++) orderings = orderings * (n2 + i) / i;
        return Math.min(1.0, 2 / orderings);
    }

    public static double pValue(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        if (n1 == 0 || n2 == 0) return Double.NaN;
        double[] all = new double[n1 + n2];
        System.arraycopy(a, 0, all, 0, n1);
        System.arraycopy(b, 0, all, n1, n2);
        double[] ranks = midRanks(all);
        double rankSumA = 0;
        for (int i = 0; i < n1; i++) rankSumA += ranks[i];
        double u = rankSumA - n1 * (n1 + 1) / 2.0;
        boolean ties = hasTies(all);
        if (!ties && n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT) return exact(u, n1, n2);
        return normal(u, n1, n2, all);
    }

    private static double exact(double u, int n1, int n2) {
        // counts[k] = number of arrangements of n1 among n1 + n2 with U = k (recurrence on the largest value).
        double[] dist = distribution(n1, n2);
        double total = 0;
        for (double c : dist) total += c;
        int k = (int) Math.round(u);
        double lower = 0;
        for (int i = 0; i <= k; i++) lower += dist[i];
        double upper = 0;
        for (int i = k; i < dist.length; i++) upper += dist[i];
        return Math.min(1.0, 2 * Math.min(lower, upper) / total);
    }

    private static double[] distribution(int n1, int n2) {
        // f[i][j][u]: arrangements of i values of A and j values of B with statistic u.
        int maxU = n1 * n2;
        double[][][] f = new double[n1 + 1][n2 + 1][];
        for (int i = 0; i <= n1; i++) {
            for (int j = 0; j <= n2; j++) {
                f[i][j] = new double[i * j + 1];
                if (i == 0 || j == 0) {
                    f[i][j][0] = 1;
                    continue;
                }
                for (int v = 0; v <= i * j; v++) {
                    // The largest value is from A (it beats all j of B) or from B.
                    double fromA = v - j >= 0 && v - j <= (i - 1) * j ? f[i - 1][j][v - j] : 0;
                    double fromB = v <= i * (j - 1) ? f[i][j - 1][v] : 0;
                    f[i][j][v] = fromA + fromB;
                }
            }
        }
        return Arrays.copyOf(f[n1][n2], maxU + 1);
    }

    private static double normal(double u, int n1, int n2, double[] all) {
        double n = n1 + n2;
        double tieTerm = 0;
        double[] s = all.clone();
        Arrays.sort(s);
        for (int i = 0; i < s.length; ) {
            int j = i;
            while (j < s.length && s[j] == s[i]) j++;
            double t = j - i;
            tieTerm += t * t * t - t;
            i = j;
        }
        double variance = n1 * n2 / 12.0 * ((n + 1) - tieTerm / (n * (n - 1)));
        if (variance <= 0) return 1.0; // every value equal: no evidence of a difference
        double z = (Math.abs(u - n1 * n2 / 2.0) - 0.5) / Math.sqrt(variance);
        return Math.min(1.0, 2 * (1 - standardNormalCdf(Math.max(z, 0))));
    }

    private static double[] midRanks(double[] xs) {
        Integer[] order = new Integer[xs.length];
        for (int i = 0; i < xs.length; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Double.compare(xs[x], xs[y]));
        double[] ranks = new double[xs.length];
        for (int i = 0; i < xs.length; ) {
            int j = i;
            while (j < xs.length && xs[order[j]] == xs[order[i]]) j++;
            double mid = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) ranks[order[k]] = mid;
            i = j;
        }
        return ranks;
    }

    private static boolean hasTies(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        for (int i = 1; i < s.length; i++) if (s[i] == s[i - 1]) return true;
        return false;
    }

    /** Abramowitz-Stegun 7.1.26 erf approximation; |error| < 1.5e-7, ample for a p-value shown to 3 digits. */
    static double standardNormalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
