package dev.vmalab.replay.stress;

import dev.vmalab.model.check.Violation;
import dev.vmalab.replay.measure.LockCounters;
import java.util.Optional;

/**
 * How a hunt ended.
 *
 * @param violation  the first violation, if any
 * @param iterations writer iterations started (at the violation, when one was found)
 * @param decisions  scheduling decisions taken (yield points reached)
 * @param repro      the command that finds the same violation again (empty when clean)
 */
public record StressResult(Optional<Violation> violation, long iterations, LockCounters counters, long decisions,
                           long switches, double wallMs, String repro) {
    public boolean found() {
        return violation.isPresent();
    }
}
