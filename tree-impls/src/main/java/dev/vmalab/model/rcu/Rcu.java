package dev.vmalab.model.rcu;

import dev.vmalab.model.sched.Scheduling;
import dev.vmalab.model.sched.YieldPoint;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Read-copy-update with real grace periods (kernel/rcu/tree.c, simplified).
 *
 * <p>A reader entering its outermost section takes a stamp from a global
 * clock; {@link #callRcu} stamps the callback the same way. A callback may run
 * once every reader still inside a section entered after the callback was
 * queued: such readers started after the pointer was unpublished, so they
 * cannot hold it. Simplification: one global clock instead of per-CPU
 * quiescent states; the guarantee readers get is the same.
 */
public final class Rcu {
    private record Callback(long stamp, Runnable action) {}

    private final AtomicLong clock = new AtomicLong(1);
    private final CopyOnWriteArrayList<Task> tasks = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Callback> callbacks = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Task> current;
    private final AtomicLong gracePeriodsCompleted = new AtomicLong();
    private volatile GracePeriods mode;
    private volatile Scheduling scheduling = Scheduling.FREE;
    private volatile ReadSide externalReadSide;
    /** LAZY mode: run callbacks when this many are queued. */
    private final int lazyBatch;

    public Rcu(GracePeriods mode, int lazyBatch) {
        this.mode = mode;
        this.lazyBatch = lazyBatch;
        this.current = ThreadLocal.withInitial(() -> {
            Task t = new Task(Thread.currentThread().getName());
            tasks.add(t);
            return t;
        });
    }

    /** This thread's task (created and registered on first use). */
    public Task current() {
        return current.get();
    }

    public void setScheduling(Scheduling scheduling) {
        this.scheduling = scheduling;
    }

    public Scheduling scheduling() {
        return scheduling;
    }

    public GracePeriods mode() {
        return mode;
    }

    public void setMode(GracePeriods mode) {
        this.mode = mode;
    }

    /**
     * Another RCU implementation whose read side must be entered too: the
     * native backend's liburcu. Its replaced nodes are freed after this
     * class's grace periods (native-backend's lab-controlled frees), except
     * on trees not in lab mode, which liburcu frees itself.
     */
    public interface ReadSide {
        void lock();

        void unlock();
    }

    public void setExternalReadSide(ReadSide readSide) {
        this.externalReadSide = readSide;
    }

    /** rcu_read_lock(). */
    public void readLock(Task t) {
        if (t.rcuDepth++ == 0) {
            t.rcuEnteredAt = clock.incrementAndGet();
            t.rcuSection = ++t.rcuSections;
            ReadSide ext = externalReadSide;
            if (ext != null) ext.lock();
        }
        scheduling.yieldAt(YieldPoint.RCU_LOCK);
    }

    /** rcu_read_unlock(). */
    public void readUnlock(Task t) {
        if (t.rcuDepth <= 0) throw new IllegalStateException("rcu_read_unlock() without rcu_read_lock() in " + t.name);
        if (--t.rcuDepth == 0) {
            ReadSide ext = externalReadSide;
            if (ext != null) ext.unlock();
            t.rcuEnteredAt = 0;
            t.rcuSection = 0;
            if (mode == GracePeriods.STRICT) processCallbacks();
        }
        scheduling.yieldAt(YieldPoint.RCU_UNLOCK);
    }

    /** call_rcu(): run {@code action} after a grace period. */
    public void callRcu(Runnable action) {
        callbacks.add(new Callback(clock.incrementAndGet(), action));
        if (mode == GracePeriods.STRICT || callbacks.size() >= lazyBatch) processCallbacks();
    }

    /** A point where a lazy grace period may end (the model calls it at mmap_write_unlock()). */
    public void quiescentPoint() {
        processCallbacks();
    }

    /** synchronize_rcu(): wait until every reader now inside a section has left it, then run due callbacks. */
    public void synchronize(Task caller) {
        if (caller.rcuDepth > 0) throw new IllegalStateException("synchronize_rcu() inside a read section");
        long target = clock.incrementAndGet();
        while (oldestReader() < target) scheduling.waitTurn();
        gracePeriodsCompleted.incrementAndGet();
        processCallbacks();
    }

    /** rcu_barrier(): wait until every queued callback has run. */
    public void barrier(Task caller) {
        while (!callbacks.isEmpty()) {
            synchronize(caller);
        }
    }

    /**
     * get_state_synchronize_rcu(): a cookie for "now", to hand to
     * {@link #pollStateSynchronizeRcu} later (Babka's oracle in the fix's thread: stamp the
     * maple state when it is read, poll when it is used).
     */
    public long getStateSynchronizeRcu() {
        return gracePeriodsCompleted.get();
    }

    /**
     * poll_state_synchronize_rcu(cookie): has a full grace period elapsed since the cookie was
     * taken? Simplification: the model counts a grace period when it runs callbacks (or in
     * synchronize_rcu()), not on a timer; so "false" means no node freed since could be freed by
     * it. It only chooses the wording of a STALE_RCU_SECTION report, never whether one is made.
     */
    public boolean pollStateSynchronizeRcu(long cookie) {
        return gracePeriodsCompleted.get() > cookie;
    }

    public long gracePeriodsCompleted() {
        return gracePeriodsCompleted.get();
    }

    public int pendingCallbacks() {
        return callbacks.size();
    }

    /** Runs callbacks queued before the scan began whose readers have all left. */
    private void processCallbacks() {
        long scanStart = clock.get(); // callbacks stamped up to here were queued before the scan
        long safeBelow = Math.min(scanStart + 1, oldestReader());
        boolean ran = false;
        for (Callback head; (head = callbacks.peek()) != null && head.stamp < safeBelow; ) {
            if (callbacks.remove(head)) {
                head.action.run();
                ran = true;
            }
        }
        if (ran) gracePeriodsCompleted.incrementAndGet();
    }

    private long oldestReader() {
        long oldest = Long.MAX_VALUE;
        for (Task t : tasks) {
            long at = t.rcuEnteredAt;
            if (at != 0 && at < oldest) oldest = at;
        }
        return oldest;
    }
}
