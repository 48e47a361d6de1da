package dev.vmalab.model.retry;

import dev.vmalab.model.check.ViolationKind;
import java.util.List;

/**
 * What one strategy did in one scripted retry.
 *
 * @param nodesRead     maple nodes read after the first -EAGAIN (the retry's own work; 0 without a retry)
 * @param walksFromRoot walks of the retry that began at the root (status start, or 6.12's always-restart)
 * @param retried       whether the first attempt met -EAGAIN at all (a writer that changes a VMA in place does not detach it)
 * @param staleIndex    the retry's first walk went to an index other than the fault address (mas_reset's kept index)
 * @param staleNode     the retry's first walk resumed at a node cached in the previous RCU section
 * @param violations    the kinds the private checks saw, first seen first (the RCU-section oracle's
 *                      STALE_RCU_SECTION comes before the KASAN-like USE_AFTER_FREE of the same read); empty if none
 */
public record RetryResult(RetryOutcome outcome, long nodesRead, int walksFromRoot, boolean retried,
                          boolean staleIndex, boolean staleNode, List<ViolationKind> violations) {
    public RetryResult {
        violations = List.copyOf(violations);
    }

    /** The first violation kind seen, or null. */
    public ViolationKind violation() {
        return violations.isEmpty() ? null : violations.getFirst();
    }

    /** "" or the kinds' names joined by '+' (e.g. STALE_RCU_SECTION+USE_AFTER_FREE), as result files write it. */
    public String violationName() {
        return String.join("+", violations.stream().map(ViolationKind::name).toList());
    }
}
