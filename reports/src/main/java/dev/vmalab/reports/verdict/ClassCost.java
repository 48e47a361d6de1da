package dev.vmalab.reports.verdict;

import dev.vmalab.reports.stats.Interval;
import java.util.Optional;

/**
 * A class's expected extra cost per fault at one regime, relative to the reference strategy:
 * its paired extra aborts and node reads times the unit costs, over the reference's faults.
 *
 * @param interval 95% bootstrap interval of the mean over runs (empty with fewer than 2 runs)
 * @param percentOfReference the extra cost in % of {@code percentBasis}, in the unit costs' own units (NaN when
 *                           there is no denominator in those units: never kernel ns over the JVM's ns per lookup)
 * @param percentBasis       what the percentage is of, e.g. "of the model's lookup (JVM ns)"
 */
public record ClassCost(String className, String representative, int runs, double extraNsPerFault,
                        Optional<Interval> interval, long extraAborts, long extraNodes, double extraAbortsPerMillion,
                        double extraNodesPerMillion, double percentOfReference, String percentBasis) {}
