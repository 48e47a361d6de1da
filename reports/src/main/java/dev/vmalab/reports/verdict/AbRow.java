package dev.vmalab.reports.verdict;

/**
 * One line of the A/B table, as kernel developers paste into patch mails (mmtests compare-kernels,
 * LKP): the reference ("base") and one strategy on one metric, mean ± sample SD over runs, the
 * change in percent and a mark: {@code *} significant (bootstrap interval and Mann-Whitney agree),
 * blank not, {@code ?} too few runs to tell.
 */
public record AbRow(String metric, String unit, String base, double baseMean, double baseSd, String strategy, double mean,
                    double sd, double percentChange, String mark) {}
