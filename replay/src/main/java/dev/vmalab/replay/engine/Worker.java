package dev.vmalab.replay.engine;

import dev.vmalab.model.lookup.FaultOutcome;
import dev.vmalab.model.lookup.FaultPath;
import dev.vmalab.model.lookup.MapsReader;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.model.ops.Processes;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.sched.Scheduling;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.WriteHold;
import dev.vmalab.replay.jfr.JfrRecording;
import dev.vmalab.replay.jfr.LookupSample;
import dev.vmalab.replay.measure.ExcludedTime;
import dev.vmalab.replay.measure.WorkerMeasures;
import dev.vmalab.replay.paired.PairedCapture;
import dev.vmalab.replay.plan.Step;
import dev.vmalab.traces.event.AdviseEvent;
import dev.vmalab.traces.event.BrkEvent;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.InitialMapping;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.MapsRead;
import dev.vmalab.traces.event.ProcessStart;
import dev.vmalab.traces.event.ProtectEvent;
import dev.vmalab.traces.event.RemapEvent;
import dev.vmalab.traces.event.ThreadExit;
import dev.vmalab.traces.event.ThreadStart;
import dev.vmalab.traces.event.UnmapEvent;

/** One replay thread: runs its trace threads' events in order, timing each lookup. */
final class Worker implements Runnable {
    private final int index;
    private final CellContext c;
    final WorkerMeasures measures = new WorkerMeasures();
    /** This thread's retry-accounting slots (thread-locals, fetched once in run()). */
    private long[] excluded;
    private boolean[] measuredFlag;
    private Mm[] faulting;

    Worker(int index, CellContext c) {
        this.index = index;
        this.c = c;
    }

    @Override
    public void run() {
        Task task = c.kernel().rcu().current();
        Scheduling scheduling = c.kernel().scheduling();
        excluded = ExcludedTime.mine();
        measuredFlag = PairedCapture.measuringFlag();
        faulting = ContentionWindow.faultingSlot();
        int[] mine = c.plan().stepsOf(index);
        try {
            for (int k = 0; k < mine.length; k++) {
                Step s = c.plan().step(mine[k]);
                long time = s.event().timeNs();
                c.gate().await(index, time, scheduling);
                c.pacer().await(c.dueTime(s.event()));
                boolean measured = s.seq() >= c.plan().firstMeasured();
                if (measured) c.markMeasured();
                c.awaitTurn(s, scheduling);
                c.holdAsTraced(s.event());
                try {
                    execute(s, measured, task, scheduling);
                } finally {
                    WriteHold.clear();
                }
                c.done().mark(s.seq());
                // the extra churn runs after the event counts as done: later faults may meet it
                if (s.event().succeeded() && s.space() >= 0) c.repeat().after(c.spaces().await(s.space(), scheduling), s.event());
                measures.events++;
                c.gate().advance(index, k + 1 < mine.length ? c.plan().step(mine[k + 1]).event().timeNs() : Long.MAX_VALUE);
            }
        } finally {
            c.gate().advance(index, Long.MAX_VALUE);
        }
    }

    private void execute(Step s, boolean measured, Task task, Scheduling scheduling) {
        if (!s.event().succeeded()) return; // failed syscalls changed nothing
        switch (s.event()) {
            case FaultEvent f -> {
                c.hot().hit(s.space(), f.address());
                fault(space(s, scheduling), f, measured, task);
            }
            case MapsRead r -> mapsRead(space(s, scheduling), measured);
            case ProcessStart p -> {
                Mm mm = p.how() == ProcessStart.How.FORK
                        ? Processes.fork(c.kernel(), c.spaces().await(s.source(), scheduling))
                        : new Mm(c.kernel());
                c.spaces().publish(s.space(), mm);
                if (s.retired() >= 0) Processes.exit(c.spaces().await(s.retired(), scheduling));
            }
            case ThreadExit _ -> {
                if (s.teardown()) Processes.exit(space(s, scheduling));
            }
            case ThreadStart _ -> { }
            case InitialMapping m -> agreed(c.writers().initialMapping(space(s, scheduling), m));
            case MapEvent m -> agreed(c.writers().map(space(s, scheduling), m));
            case UnmapEvent u -> agreed(c.writers().unmap(space(s, scheduling), u));
            case ProtectEvent p -> agreed(c.writers().protect(space(s, scheduling), p));
            case RemapEvent r -> agreed(c.writers().remap(space(s, scheduling), r));
            case BrkEvent b -> agreed(c.writers().brk(space(s, scheduling), b));
            case AdviseEvent a -> agreed(c.writers().advise(space(s, scheduling), a));
        }
    }

    private Mm space(Step s, Scheduling scheduling) {
        return c.spaces().await(s.space(), scheduling);
    }

    private void agreed(boolean agreed) {
        if (!agreed) measures.writerMismatches++;
    }

    private void fault(Mm mm, FaultEvent f, boolean measured, Task task) {
        VmaLockStats stats = measured ? measures.stats : measures.warmupStats;
        boolean write = f.access() == FaultEvent.Access.WRITE;
        boolean exec = f.access() == FaultEvent.Access.EXEC;
        LookupSample sample = c.sampleLookups() && stats.lookups % JfrRecording.SAMPLE_EVERY == 0 ? new LookupSample() : null;
        if (sample != null) sample.begin();
        long nodes = task.nodesRead();
        measuredFlag[0] = measured;
        faulting[0] = mm;
        long excludedNs = excluded[0];
        long excludedNodes = excluded[1];
        long fallbacks = stats.fallback;
        long start = System.nanoTime();
        FaultOutcome outcome = FaultPath.fault(c.strategy(), mm, f.address(), write, exec, stats);
        long took = System.nanoTime() - start - (excluded[0] - excludedNs); // the lab's own work is not the lookup's
        faulting[0] = null;
        measures.kernel.record(f, outcome, stats.noMapPagesThisLookup, stats.anonPreparedThisLookup,
                outcome == FaultOutcome.SEGV && stats.fallback > fallbacks);
        if (outcome == FaultOutcome.SEGV) measures.segvFaults++;
        if (measured) {
            measures.latency.recordValue(took);
            measures.nodesRead += task.nodesRead() - nodes - (excluded[1] - excludedNodes);
            measures.countRetries(stats.missesThisLookup);
        }
        if (sample != null) {
            sample.end();
            sample.strategy = c.strategy().name();
            sample.address = f.address();
            sample.outcome = outcome.name();
            sample.retries = stats.missesThisLookup;
            sample.commit();
        }
    }

    /**
     * lock_next_vma() steps go to the maps counters only (the kernel counts no vmstat event there):
     * not into lookups, retries.csv, latency or nodes read, which stay the fault path's.
     */
    private void mapsRead(Mm target, boolean measured) {
        MapsReader.read(c.strategy(), target, measured ? measures.stats : measures.warmupStats, vma -> { });
    }
}
