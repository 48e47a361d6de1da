package dev.vmalab.replay.stress;

import dev.vmalab.replay.paired.PairedCapture;
import dev.vmalab.model.check.Violation;
import dev.vmalab.replay.measure.CellResult;
import dev.vmalab.replay.measure.LockCounters;
import java.util.Optional;

/**
 * How a hunt ended.
 *
 * @param violation  the first violation, if any
 * @param iterations writer iterations started (at the violation, when one was found)
 * @param decisions  scheduling decisions taken (yield points reached)
 * @param repro      the command that finds the same violation again (empty when clean)
 * @param cell       the hunt as one row of a result folder (trace {@value StressRun#TRACE}, run 1),
 *                   with every violation counted and the first ones kept
 */
public record StressResult(Optional<Violation> violation, long iterations, LockCounters counters, long decisions,
                           long switches, double wallMs, String repro, CellResult cell, PairedCapture capture) {
    public boolean found() {
        return violation.isPresent();
    }
}
