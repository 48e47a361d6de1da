package dev.vmalab.replay.sched;

import dev.vmalab.model.sched.Scheduling;
import dev.vmalab.model.sched.YieldPoint;

/**
 * Free-running scheduling with the retry window held open: after a failed
 * vma_start_read() the reader waits {@code retryWindowDelayNs} before re-taking RCU, as if
 * preempted there, so writers can finish replacing the VMA and a grace period can end.
 * Waits yield the CPU (2 cores, more workers than cores).
 */
public final class Amplifier implements Scheduling {
    private final long retryWindowDelayNs;
    private volatile boolean aborted;

    public Amplifier(long retryWindowDelayNs) {
        this.retryWindowDelayNs = retryWindowDelayNs;
    }

    @Override
    public void yieldAt(YieldPoint point) {
        if (point != YieldPoint.RETRY_WINDOW || retryWindowDelayNs == 0) return;
        long until = System.nanoTime() + retryWindowDelayNs;
        while (System.nanoTime() < until) Thread.yield();
    }

    @Override
    public void waitTurn() {
        if (aborted) throw new DeterministicScheduler.Aborted();
        Thread.yield();
    }

    /** A worker failed: waiting ones give up instead of waiting for it forever. */
    public void abort() {
        aborted = true;
    }
}
