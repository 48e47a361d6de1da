package dev.vmalab.replay.engine;

import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.sched.Scheduling;
import dev.vmalab.model.sched.YieldPoint;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.replay.measure.ExcludedTime;

/**
 * --contention: while the cell's -EAGAIN rate is below its target, a fault that reached
 * vma_start_read() (its walk found the VMA, RCU held) first has {@link ContentionWriter}
 * change that VMA, as another CPU's writer would in that window. The writer's time and node
 * reads are excluded from the fault's figures; everything after (the -EAGAIN, the strategy's
 * retry, its aborts) is measured as usual. The same under free threads and the deterministic
 * scheduler (the writer's waits yield like any model thread's).
 */
final class ContentionWindow implements Scheduling {
    private static final ThreadLocal<Mm[]> FAULTING = ThreadLocal.withInitial(() -> new Mm[1]);
    private static final ThreadLocal<boolean[]> IN_WRITER = ThreadLocal.withInitial(() -> new boolean[1]);

    private final Scheduling base;
    private final ContentionRate rate;
    private final ContentionWriter writer = new ContentionWriter();

    ContentionWindow(Scheduling base, ContentionRate rate) {
        this.base = base;
        this.rate = rate;
    }

    /** This thread's slot where the replay worker names the mm its fault looks up (null after it): maps reads are left alone. */
    static Mm[] faultingSlot() {
        return FAULTING.get();
    }

    @Override
    public void yieldAt(YieldPoint point) {
        if (point == YieldPoint.VMA_START_READ) {
            Mm mm = FAULTING.get()[0];
            boolean[] in = IN_WRITER.get();
            if (mm != null && !in[0] && rate.below()) {
                Task t = mm.kernel().rcu().current();
                long t0 = System.nanoTime();
                long n0 = t.nodesRead();
                in[0] = true;
                try {
                    writer.change(mm, t.lookupAddress());
                } finally {
                    in[0] = false;
                    ExcludedTime.addNodes(t.nodesRead() - n0);
                    ExcludedTime.add(System.nanoTime() - t0);
                }
            }
        }
        base.yieldAt(point);
    }

    @Override
    public void waitTurn() {
        base.waitTurn();
    }

    @Override
    public void waitExternal() {
        base.waitExternal();
    }

    @Override
    public void sleepUntil(long traceTimeNs) {
        base.sleepUntil(traceTimeNs);
    }
}
