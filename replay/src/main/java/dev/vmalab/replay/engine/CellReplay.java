package dev.vmalab.replay.engine;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.check.Violation;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.model.sched.Scheduling;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.replay.config.Amplification;
import dev.vmalab.replay.config.Pacing;
import dev.vmalab.replay.jfr.RunEvent;
import dev.vmalab.replay.jfr.ViolationEvent;
import dev.vmalab.replay.measure.CellKey;
import dev.vmalab.replay.measure.CellResult;
import dev.vmalab.replay.measure.CountingSink;
import dev.vmalab.replay.measure.KernelCompare;
import dev.vmalab.replay.measure.LockCounters;
import dev.vmalab.replay.measure.WorkerClock;
import dev.vmalab.replay.measure.WorkerMeasures;
import dev.vmalab.replay.measure.WorkerRow;
import dev.vmalab.replay.measure.WriterHolds;
import dev.vmalab.replay.paired.PairedCapture;
import dev.vmalab.replay.plan.ReplayPlan;
import dev.vmalab.replay.sched.Amplifier;
import dev.vmalab.replay.sched.DeterministicScheduler;
import dev.vmalab.replay.sched.FreeThreads;
import dev.vmalab.replay.sched.TraceClock;
import dev.vmalab.replay.trace.LoadedTrace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Replays one cell: one trace, one strategy, one thread count, one run seed, on a kernel
 * of its own. Set-up (the address spaces that exist before the trace) happens on the
 * calling thread; then the plan's workers run, freely or under the deterministic scheduler.
 */
public final class CellReplay {
    /** Violations kept per cell with their detail; the counts are exact. */
    public static final int VIOLATIONS_KEPT = 100;

    /** How often (percent of yield points) the deterministic scheduler switches workers outside waits. */
    public static final int SWITCH_PERCENT = 20;

    /**
     * @param trace  the loaded trace
     * @param plan   the trace planned for {@code key.threads()} workers
     * @param repro  the command that replays this cell again (goes with each violation)
     * @param sampleLookups record JFR lookup samples
     */
    public record Spec(LoadedTrace trace, ReplayPlan plan, LookupStrategy strategy, CellKey key, long seed,
                       Amplification amplification, boolean deterministic, Pacing pacing, long orderWindowNs,
                       boolean sampleLookups, String repro) {}

    private CellReplay() {}

    public static CellResult run(Spec spec) {
        return run(spec, null, 0);
    }

    /**
     * @param capture    paired accounting's observer of this cell's -EAGAINs, or null
     * @param contention the sweep's target -EAGAIN rate (misses per lookup), 0 = no sweep
     */
    public static CellResult run(Spec spec, PairedCapture capture, double contention) {
        CountingSink sink = new CountingSink(VIOLATIONS_KEPT, CellReplay::jfrViolation);
        Kernel kernel = spec.amplification().kernel(sink).build();
        kernel.setRetryObserver(capture);
        Amplification amp = spec.amplification();
        Amplifier amplifier = new Amplifier(amp.retryWindowDelayNs());
        // --pace trace: the trace's own clock decides who runs (deterministic by itself; the seed plays no part)
        TraceClock traceClock = spec.pacing().traceClock() ? new TraceClock() : null;
        DeterministicScheduler scheduler = traceClock == null && spec.deterministic()
                ? new DeterministicScheduler(spec.seed(), SWITCH_PERCENT, amp.retryWindowDelayNs() > 0) : null;
        Scheduling scheduling = traceClock != null ? traceClock : scheduler != null ? scheduler : amplifier;
        List<Worker> workers = new ArrayList<>();
        ContentionRate rate = contention > 0 ? new ContentionRate(workers, contention) : null;
        if (rate != null) scheduling = new ContentionWindow(scheduling, rate);
        kernel.setScheduling(scheduling);

        ReplayPlan plan = spec.plan();
        Spaces spaces = new Spaces(plan.spaces());
        for (int s = 0; s < plan.spaces(); s++) {
            if (plan.preexisting(s)) spaces.publish(s, new Mm(kernel));
        }
        long[] firstTimes = new long[plan.workers()];
        for (int w = 0; w < firstTimes.length; w++) {
            int[] mine = plan.stepsOf(w);
            firstTimes[w] = mine.length == 0 ? Long.MAX_VALUE : plan.step(mine[0]).event().timeNs();
        }
        long traceStart = plan.size() == 0 ? 0 : plan.step(0).event().timeNs();
        Pacer pacer = new Pacer(spec.pacing(), traceStart, scheduling);
        AtomicLong measuredSince = new AtomicLong();
        // On the trace clock events already run in trace order: the order gate never holds a worker back.
        long window = traceClock != null ? Long.MAX_VALUE : spec.orderWindowNs();
        Pacing hold = scheduler != null ? Pacing.FAST : spec.pacing();
        CellContext c = new CellContext(kernel, spec.strategy(), plan, spaces,
                new OrderGate(firstTimes, window), pacer,
                new WriterEvents(), new WriterRepeat(amp.writerRepeat()), new StepsDone(plan.size()), new HotSpot(),
                spec.sampleLookups(), measuredSince, hold);

        long traceEnd = plan.size() == 0 ? 0 : plan.step(plan.size() - 1).event().timeNs();
        WriterHolds holds = writerHolds(plan);
        List<DeterministicScheduler.Body> bodies = new ArrayList<>();
        AtomicInteger running = new AtomicInteger(plan.workers());
        for (int w = 0; w < plan.workers(); w++) {
            Worker worker = new Worker(w, c);
            worker.measures.kernel = new KernelCompare(traceStart, traceEnd, spec.pacing().toString(), holds);
            workers.add(worker);
            bodies.add(new DeterministicScheduler.Body("replay-w" + w, WorkerClock.timed(() -> { // CPU beside wall: timing.csv
                try {
                    worker.run();
                } finally {
                    running.decrementAndGet();
                }
            })));
        }
        if (amp.churn() && traceClock == null) bodies.add(new DeterministicScheduler.Body("replay-churn", new Churn(c, running)));

        RunEvent event = new RunEvent();
        event.begin();
        long startEpochMs = System.currentTimeMillis();
        pacer.start();
        if (plan.firstMeasured() == 0) c.markMeasured();
        if (traceClock != null) traceClock.run(bodies);
        else if (scheduler != null) scheduler.run(bodies);
        else FreeThreads.run(bodies, amplifier::abort);
        long end = System.nanoTime();
        double wallMs = measuredSince.get() == 0 ? 0 : (end - measuredSince.get()) / 1e6;

        CellResult result = collect(spec, workers, sink, wallMs, startEpochMs);
        event.end();
        if (event.shouldCommit()) {
            event.trace = spec.key().trace();
            event.strategy = spec.key().strategy();
            event.threads = spec.key().threads();
            event.run = spec.key().run();
            event.seed = spec.seed();
            event.lookups = result.counters().lookups();
            event.violations = result.violationTotal();
            event.commit();
        }
        return result;
    }

    private static CellResult collect(Spec spec, List<Worker> workers, CountingSink sink, double wallMs,
                                      long startEpochMs) {
        VmaLockStats total = new VmaLockStats();
        Histogram latency = new Histogram(3);
        long nodes = 0;
        long[] retries = new long[1];
        List<WorkerRow> rows = new ArrayList<>();
        KernelCompare kernel = KernelCompare.empty();
        for (int w = 0; w < workers.size(); w++) {
            WorkerMeasures m = workers.get(w).measures;
            if (w == 0) kernel = m.kernel;
            else kernel.add(m.kernel);
            total.add(m.stats);
            latency.add(m.latency);
            nodes += m.nodesRead;
            retries = WorkerMeasures.addRetries(retries, m.lookupsByRetries());
            rows.add(new WorkerRow(w, spec.plan().traceThreadsOf(w), m.events, LockCounters.of(m.stats),
                    m.segvFaults, m.writerMismatches));
        }
        List<Violation> kept = sink.kept();
        return new CellResult(spec.key(), spec.seed(), LockCounters.of(total), latency, nodes, retries,
                sink.counts(), kept, spec.repro(), wallMs, startEpochMs, rows, kernel);
    }

    private static void jfrViolation(Violation v) {
        ViolationEvent e = new ViolationEvent();
        if (!e.shouldCommit()) return;
        e.kind = v.kind().name();
        e.strategy = v.strategy();
        e.modelThread = v.thread();
        e.address = v.address();
        e.node = v.node();
        e.detail = v.detail();
        e.step = v.step();
        e.commit();
    }

    /** The trace's recorded writer holds, per plan: a timed cell replays its plan hundreds of times. */
    private static final Map<ReplayPlan, WriterHolds> HOLDS = Collections.synchronizedMap(new WeakHashMap<>());

    private static WriterHolds writerHolds(ReplayPlan plan) {
        return HOLDS.computeIfAbsent(plan, p -> {
            List<dev.vmalab.traces.event.TraceEvent> events = new ArrayList<>(p.size());
            for (int i = 0; i < p.size(); i++) events.add(p.step(i).event());
            return WriterHolds.of(events);
        });
    }
}
