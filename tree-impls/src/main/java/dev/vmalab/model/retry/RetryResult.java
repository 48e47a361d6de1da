package dev.vmalab.model.retry;

import dev.vmalab.model.check.ViolationKind;

/**
 * What one strategy did in one scripted retry.
 *
 * @param nodesRead     maple nodes read after the first -EAGAIN (the retry's own work; 0 without a retry)
 * @param walksFromRoot walks of the retry that began at the root (status start, or 6.12's always-restart)
 * @param retried       whether the first attempt met -EAGAIN at all (a writer that changes a VMA in place does not detach it)
 * @param staleIndex    the retry's first walk went to an index other than the fault address (mas_reset's kept index)
 * @param staleNode     the retry's first walk resumed at a node cached in the previous RCU section
 * @param violation     the first violation the private checks saw, or null
 */
public record RetryResult(RetryOutcome outcome, long nodesRead, int walksFromRoot, boolean retried,
                          boolean staleIndex, boolean staleNode, ViolationKind violation) {

    /** "" or the violation kind's name, as result files write it. */
    public String violationName() {
        return violation == null ? "" : violation.name();
    }
}
