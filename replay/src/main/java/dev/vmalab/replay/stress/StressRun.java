package dev.vmalab.replay.stress;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.check.Violation;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.model.maple.WalkSemantics;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.replay.measure.CountingSink;
import dev.vmalab.replay.measure.LockCounters;
import dev.vmalab.replay.sched.DeterministicScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deterministic hunt for violations: {@link StressWorkload} under the seeded
 * one-at-a-time scheduler, with strict grace periods (a node is freed as soon as no
 * reader can hold it) and the scheduler always switching in the retry window. Stops at the
 * first violation; the same options give the same interleaving, so the violation comes
 * back at the same model step with the same address.
 */
public final class StressRun {
    /** Percent of yield points at which the scheduler switches workers outside waits and the retry window. */
    static final int SWITCH_PERCENT = 20;

    private StressRun() {}

    public static StressResult run(StressOptions o, LookupStrategy strategy) {
        List<Violation> first = new ArrayList<>(1);
        AtomicLong iterationAtViolation = new AtomicLong();
        AtomicLong started = new AtomicLong();
        boolean[] stop = new boolean[1]; // read and written only by the one running worker
        CountingSink sink = new CountingSink(1, v -> {
            synchronized (first) {
                if (first.isEmpty()) {
                    first.add(v);
                    iterationAtViolation.set(started.get());
                }
            }
            stop[0] = true;
        });
        Kernel kernel = Kernel.builder().gracePeriods(GracePeriods.STRICT).quarantine(1024)
                .walkSemantics(WalkSemantics.RESUME_ACTIVE).violations(sink).checks(true).build();
        DeterministicScheduler scheduler = new DeterministicScheduler(o.seed(), SWITCH_PERCENT, true);
        kernel.setScheduling(scheduler);
        Mm mm = new Mm(kernel);
        StressWorkload w = new StressWorkload(mm, strategy);
        w.mapAll();

        long deadline = System.nanoTime() + (long) (o.seconds() * 1e9);
        boolean[] writerDone = new boolean[1];
        List<VmaLockStats> stats = new ArrayList<>();
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
            VmaLockStats s = new VmaLockStats();
            stats.add(s);
            SplittableRandom r = seeds.split();
            boolean readsMaps = i == 0;
            bodies.add(new DeterministicScheduler.Body("fault" + i,
                    () -> w.faultLoop(r, s, readsMaps, () -> stop[0] || writerDone[0])));
        }
        long t0 = System.nanoTime();
        scheduler.run(bodies);
        double wallMs = (System.nanoTime() - t0) / 1e6;

        VmaLockStats total = new VmaLockStats();
        stats.forEach(total::add);
        Optional<Violation> v = first.stream().findFirst();
        long iterations = v.isPresent() ? iterationAtViolation.get() : started.get();
        return new StressResult(v, iterations, LockCounters.of(total), scheduler.decisions(), scheduler.switches(),
                wallMs, v.isPresent() ? o.repro(iterations) : "");
    }
}
