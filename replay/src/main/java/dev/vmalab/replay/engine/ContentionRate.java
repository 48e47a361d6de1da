package dev.vmalab.replay.engine;

import java.util.List;

/**
 * The contention sweep's control input: misses per lookup so far in this cell (warm-up and
 * measured, all workers), read without locks (a stale read only delays a decision).
 */
final class ContentionRate {
    private final List<Worker> workers;
    final double target;

    ContentionRate(List<Worker> workers, double target) {
        this.workers = workers;
        this.target = target;
    }

    /** Whether more -EAGAIN is wanted: below the target (or nothing looked up yet). */
    boolean below() {
        long lookups = 0;
        long misses = 0;
        for (Worker w : workers) {
            lookups += w.measures.stats.lookups + w.measures.warmupStats.lookups;
            misses += w.measures.stats.miss + w.measures.warmupStats.miss;
        }
        return lookups == 0 || misses < target * lookups;
    }
}
