package dev.vmalab.reports.verdict;

import java.util.List;

/**
 * One contention level: the workload as traced ({@code contentionTarget} 0) or a sweep target,
 * the retry rate actually reached, and what each correct class costs there.
 *
 * @param retriesPerMillion the reference's misses per million lookups (summary.csv miss / lookups)
 * @param separated pairs "A < B" of classes whose cost difference is significant and above the noise floor
 */
public record Regime(double contentionTarget, double retriesPerMillion, long faults, long pairedEvents,
                     List<ClassCost> costs, List<String> separated) {
    public boolean workload() {
        return contentionTarget == 0;
    }
}
