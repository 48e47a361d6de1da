package dev.vmalab.replay.engine;

import dev.vmalab.model.sched.Scheduling;
import dev.vmalab.model.sched.YieldPoint;
import dev.vmalab.replay.measure.ExcludedTime;

/**
 * --contention: while the cell's -EAGAIN rate is below its target, a reader that reached
 * vma_start_read() (its walk found the VMA) gives the sweep's writer ({@link ContentionChurn})
 * a chance to change that VMA first. Deterministic: the reader hands over (as at a wait);
 * free threads: it waits a few microseconds, time excluded from its latency. Nothing else
 * changes: the lookup's own code and costs are the strategy's.
 */
final class ContentionWindow implements Scheduling {
    /** Free threads: how long a reader lingers at vma_start_read() when more contention is wanted. */
    static final long WINDOW_NS = 3_000;
    static final ThreadLocal<Boolean> CHURN_THREAD = ThreadLocal.withInitial(() -> false);

    private final Scheduling base;
    private final boolean deterministic;
    private final ContentionRate rate;

    ContentionWindow(Scheduling base, boolean deterministic, ContentionRate rate) {
        this.base = base;
        this.deterministic = deterministic;
        this.rate = rate;
    }

    @Override
    public void yieldAt(YieldPoint point) {
        if (point == YieldPoint.VMA_START_READ && !CHURN_THREAD.get() && rate.below()) {
            if (deterministic) {
                base.yieldAt(YieldPoint.WAIT);
            } else {
                long t0 = System.nanoTime();
                while (System.nanoTime() - t0 < WINDOW_NS) Thread.onSpinWait();
                ExcludedTime.add(System.nanoTime() - t0);
            }
        }
        base.yieldAt(point);
    }

    @Override
    public void waitTurn() {
        base.waitTurn();
    }

    @Override
    public void waitExternal() {
        base.waitExternal();
    }
}
