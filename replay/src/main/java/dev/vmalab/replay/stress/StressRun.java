package dev.vmalab.replay.stress;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.check.Violation;
import dev.vmalab.model.check.ViolationKind;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.model.maple.WalkSemantics;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.nativebackend.tree.NativeBackends;
import dev.vmalab.replay.paired.PairedCapture;
import dev.vmalab.replay.measure.CellKey;
import dev.vmalab.replay.measure.CellResult;
import dev.vmalab.replay.measure.CountingSink;
import dev.vmalab.replay.measure.LockCounters;
import dev.vmalab.replay.measure.WorkerMeasures;
import dev.vmalab.replay.measure.WorkerRow;
import dev.vmalab.replay.sched.DeterministicScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A deterministic hunt for violations: {@link StressWorkload} under the seeded
 * one-at-a-time scheduler, with strict grace periods (a node is freed as soon as no
 * reader can hold it; or lazy ones with --lazy-gp: the RCU-section oracle still catches a
 * state reused across sections) and the scheduler always switching in the retry window. Stops at the
 * first violation; the same options give the same interleaving, so the violation comes
 * back at the same model step with the same address.
 */
public final class StressRun {
    /** Percent of yield points at which the scheduler switches workers outside waits and the retry window. */
    static final int SWITCH_PERCENT = 20;
    /** The trace column of a hunt's result rows: the built-in workload, no trace file. */
    public static final String TRACE = "stress";
    /** Violations listed in violations.csv, as replay lists per cell; the counts stay exact. */
    static final int KEEP = 100;
    /** The hunt's knobs, for machine.properties' {@code amplify} (they are not replay's presets). */
    static String knobs(StressOptions o) {
        return "stress (grace periods " + o.gracePeriods() + ", quarantine 1024, walk 6.18, switch " + SWITCH_PERCENT
                + "% of yield points and always in the retry window)";
    }

    private StressRun() {}

    public static StressResult run(StressOptions o, LookupStrategy strategy) {
        List<Violation> first = new ArrayList<>(1);
        AtomicLong iterationAtViolation = new AtomicLong();
        List<Violation> firstOther = new ArrayList<>(1); // native-asan: the oracle's, when ASan never fires
        AtomicLong iterationAtOther = new AtomicLong();
        AtomicLong started = new AtomicLong();
        boolean[] stop = new boolean[1]; // read and written only by the one running worker
        // On native-asan the hunt is for the kernel code's own report: the RCU-section oracle's
        // STALE_RCU_SECTION (which comes first, on the stale pointer's first use) is counted and
        // the hunt goes on until ASan reports the read of freed memory.
        boolean asanHunt = o.backend().name().equals(NativeBackends.NATIVE_ASAN);
        CountingSink sink = new CountingSink(KEEP, v -> {
            if (asanHunt && v.kind() != ViolationKind.USE_AFTER_FREE) {
                synchronized (firstOther) {
                    if (firstOther.isEmpty()) {
                        firstOther.add(v);
                        iterationAtOther.set(started.get());
                    }
                }
                return;
            }
            synchronized (first) {
                if (first.isEmpty()) {
                    first.add(v);
                    iterationAtViolation.set(started.get());
                }
            }
            stop[0] = true;
        });
        Kernel.Builder kb = Kernel.builder().gracePeriods(o.gracePeriods()).quarantine(1024)
                .walkSemantics(WalkSemantics.RESUME_ACTIVE).violations(sink).checks(true);
        // Strict grace periods: on the kernel's code its frees follow them too (native-backend: lab-mode frees).
        Kernel kernel = o.backend().applyTo(kb, WalkSemantics.RESUME_ACTIVE, true).build();
        DeterministicScheduler scheduler = new DeterministicScheduler(o.seed(), SWITCH_PERCENT, true);
        kernel.setScheduling(scheduler);
        PairedCapture capture = new PairedCapture(); // paired accounting: each -EAGAIN, evaluated by StressFolder
        kernel.setRetryObserver(capture);
        Mm mm = new Mm(kernel);
        StressWorkload w = new StressWorkload(mm, strategy);
        w.mapAll();

        long deadline = System.nanoTime() + (long) (o.seconds() * 1e9);
        boolean[] writerDone = new boolean[1];
        List<WorkerMeasures> measures = new ArrayList<>();
        List<DeterministicScheduler.Body> bodies = new ArrayList<>();
        SplittableRandom seeds = new SplittableRandom(o.seed());
        SplittableRandom writerRandom = seeds.split();
        bodies.add(new DeterministicScheduler.Body("writer", () -> {
            try {
                while (!stop[0] && started.get() < o.iterations() && System.nanoTime() < deadline) {
                    started.incrementAndGet();
                    w.writerStep(writerRandom);
                }
            } finally {
                writerDone[0] = true;
            }
        }));
        for (int i = 0; i < o.faultThreads(); i++) {
            WorkerMeasures m = new WorkerMeasures();
            measures.add(m);
            SplittableRandom r = seeds.split();
            boolean readsMaps = i == 0;
            bodies.add(new DeterministicScheduler.Body("fault" + i, () -> {
                PairedCapture.measuring(true);
                w.faultLoop(r, m, readsMaps, () -> stop[0] || writerDone[0]);
            }));
        }
        long startEpochMs = System.currentTimeMillis();
        long t0 = System.nanoTime();
        scheduler.run(bodies);
        double wallMs = (System.nanoTime() - t0) / 1e6;

        if (first.isEmpty() && !firstOther.isEmpty()) {
            first.addAll(firstOther);
            iterationAtViolation.set(iterationAtOther.get());
        }
        Optional<Violation> v = first.stream().findFirst();
        long iterations = v.isPresent() ? iterationAtViolation.get() : started.get();
        String repro = v.isPresent() ? o.repro(iterations) : "";
        CellResult cell = cell(o, measures, sink, repro, wallMs, startEpochMs);
        return new StressResult(v, iterations, cell.counters(), scheduler.decisions(), scheduler.switches(), wallMs, repro,
                cell, capture);
    }

    /** The fault threads' measures summed into one result row, as replay sums its workers into a cell. */
    private static CellResult cell(StressOptions o, List<WorkerMeasures> measures, CountingSink sink, String repro,
                                   double wallMs, long startEpochMs) {
        VmaLockStats total = new VmaLockStats();
        Histogram latency = new Histogram(3);
        long nodes = 0;
        long[] retries = new long[1];
        List<WorkerRow> rows = new ArrayList<>();
        for (int i = 0; i < measures.size(); i++) {
            WorkerMeasures m = measures.get(i);
            total.add(m.stats);
            latency.add(m.latency);
            nodes += m.nodesRead;
            retries = WorkerMeasures.addRetries(retries, m.lookupsByRetries());
            rows.add(new WorkerRow(i, 0, m.events, LockCounters.of(m.stats), 0, 0));
        }
        CellKey key = new CellKey(TRACE, o.strategy(), o.faultThreads(), 1);
        return new CellResult(key, o.seed(), LockCounters.of(total), latency, nodes, retries, sink.counts(), sink.kept(),
                repro, wallMs, startEpochMs, rows);
    }
}
