package dev.vmalab.model.retry;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.check.CollectingSink;
import dev.vmalab.model.check.Violation;
import dev.vmalab.model.check.ViolationKind;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.model.maple.WalkSemantics;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import java.util.List;

/**
 * Runs one strategy's lock_vma_under_rcu() through one {@link Scenario} on a private
 * kernel of its own (its own RCU, slabs and violation sink), so nothing it does reaches
 * any other run. Any {@link LookupStrategy} can run here: the script only needs the
 * model's yield points, which every lookup passes through the model's code.
 */
public final class ScenarioRunner {
    /** LAZY scenarios: a batch no scenario fills, so nothing is freed before the retry. */
    private static final int NEVER = 1 << 20;

    private ScenarioRunner() {}

    public static RetryResult run(LookupStrategy strategy, Scenario sc, WalkSemantics semantics) {
        RetryProbe probe = new RetryProbe(sc.address());
        RetryScript script = new RetryScript(probe);
        CollectingSink sink = new CollectingSink();
        Kernel kernel = Kernel.builder().gracePeriods(sc.grace())
                .lazyBatch(sc.grace() == GracePeriods.LAZY ? NEVER : 1)
                .walkSemantics(semantics).violations(sink).checks(true).scheduling(script)
                .treeBackend(probe.backend()).build();
        Scenario.Mms mms = new Scenario.Mms(new Mm(kernel), new Mm(kernel));
        sc.setup().accept(mms);
        Task reader = kernel.rcu().current();
        reader.beginLookup(strategy.name(), sc.address());
        script.arm(reader, () -> sc.change().accept(mms));
        VmaLockStats stats = new VmaLockStats();
        stats.beginLookup();
        RetryOutcome outcome;
        Vma got = null;
        try {
            got = strategy.lockVmaUnderRcu(mms.mm(), sc.address(), stats);
            outcome = classify(got, mms.mm(), sc.address(), probe);
        } catch (RetryScript.Again again) {
            outcome = RetryOutcome.EAGAIN_AGAIN;
        }
        if (got != null) Mm.vmaEndRead(got); // put the reference back (the private kernel is dropped anyway)
        List<Violation> seen = sink.violations();
        List<ViolationKind> kinds = seen.stream().map(Violation::kind).distinct().toList();
        if (kinds.isEmpty() && outcome == RetryOutcome.VIOLATION) kinds = List.of(ViolationKind.WRONG_VMA);
        if (!kinds.isEmpty()) outcome = RetryOutcome.VIOLATION;
        return new RetryResult(outcome, script.retryNodes(), probe.walksFromRoot, script.retried(), probe.staleIndex,
                probe.staleNode, kinds);
    }

    private static RetryOutcome classify(Vma got, Mm mm, long address, RetryProbe probe) {
        if (got != null) {
            // the check replay makes of every lookup: the VMA mapping the address in this mm
            boolean right = got.mm() == mm && got.isAttached() && got.contains(address);
            return right ? RetryOutcome.LOCKED : RetryOutcome.VIOLATION;
        }
        // lock_vma_under_rcu(): "is the VMA we locked the right one?" (its range now, after the writer)
        // failed, or the walk found nothing / vma_start_read() returned NULL
        Vma v = probe.lastFound;
        boolean rangeMiss = v != null && v.mm() == mm && v.isAttached() && !v.contains(address);
        return rangeMiss ? RetryOutcome.ABORT_RANGE : RetryOutcome.ABORT_NULL;
    }
}
