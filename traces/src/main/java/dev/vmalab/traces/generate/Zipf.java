package dev.vmalab.traces.generate;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Zipf-distributed ranks 0..n-1 (rank k drawn with weight 1/(k+1)^s), by inverting a precomputed CDF. */
final class Zipf {
    private final double[] cdf;

    Zipf(int n, double exponent) {
        cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / Math.pow(k + 1, exponent);
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++) cdf[k] /= sum;
    }

    int next(RandomGenerator random) {
        int i = Arrays.binarySearch(cdf, random.nextDouble());
        return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
    }
}
