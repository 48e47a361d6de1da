package dev.vmalab.replay.sched;

import dev.vmalab.model.sched.Scheduling;
import dev.vmalab.model.sched.YieldPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code --pace trace}: replay on the trace's own clock. A virtual clock, one worker at a time; a worker says
 * when it next wants to run ({@link #sleepUntil}: its next event's trace time, or the end of a writer's traced
 * mmap_lock hold), and the worker with the earliest such time runs next (ties: the lower worker index), the clock
 * moving to that time. So events run in trace order across threads, and while a writer sleeps in its
 * mmap_write_unlock() until the hold's end, the other threads' events that fall inside the hold run and meet the
 * lock held. A worker that must wait in the model ({@link #waitTurn}: a blocking mmap_read_lock, a reader to
 * drain) hands over and is looked at again once another worker has run. Nothing depends on the wall clock or the
 * JVM's scheduling: the same trace gives the same result every time (the seed plays no part).
 *
 * <p>Simplifications: the model's work inside one event takes no trace time (a fault, or a writer's changes, all
 * happen at the event's time); a waiter that goes on and then waits again on something else wakes the other
 * waiters only at the next event boundary (later in trace time, never earlier). Ordinary yield points never
 * switch: what they interleave is the hunt's business, not the trace's.
 *
 * <p>Use: {@link #run(List)} with one body per worker; calls from other threads (set-up) pass through.
 */
public final class TraceClock implements Scheduling {
    /** Consecutive rounds in which only waiters ran and none went on, before the replay is called deadlocked. */
    private static final int IDLE_ROUNDS_LIMIT = 10_000;

    private enum State { READY, WAITING, DONE }

    private static final class Worker {
        final String name;
        final int index;
        Thread thread;
        State state = State.READY;
        /** READY: when it wants to run; WAITING: the clock when it began to wait. */
        long due = Long.MIN_VALUE;
        /** The generation it last found its wait unsatisfied in. */
        long seenGen = -1;

        Worker(String name, int index) {
            this.name = name;
            this.index = index;
        }
    }

    private final List<Worker> workers = new ArrayList<>();
    private final ThreadLocal<Worker> self = new ThreadLocal<>();
    private volatile Worker current;
    private volatile boolean aborted;
    /** The virtual clock: the trace time of the latest READY worker resumed. */
    private long now = Long.MIN_VALUE;
    /** Bumped whenever a worker may have changed what others wait for. */
    private long gen;
    private int idleRounds;
    private long switches;

    /**
     * Runs every body on its own thread, one at a time, in trace-time order; returns when all have finished.
     * A body's exception is rethrown (the first one) after the others finish.
     */
    public void run(List<DeterministicScheduler.Body> bodies) {
        List<Throwable> failures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (DeterministicScheduler.Body b : bodies) {
            Worker w = new Worker(b.name(), workers.size());
            workers.add(w);
            w.thread = Thread.ofPlatform().name(b.name()).unstarted(() -> {
                self.set(w);
                awaitTurn(w);
                try {
                    WorkerThreads.runKeepingFailure(() -> {
                        if (!aborted) b.work().run();
                    }, failures, () -> aborted = true);
                } finally {
                    leave(w);
                }
            });
            threads.add(w.thread);
        }
        if (workers.isEmpty()) return;
        current = workers.getFirst();
        threads.forEach(Thread::start);
        WorkerThreads.joinAndRethrow(threads, failures);
    }

    /** Runs the others whose next time is earlier, then returns with the clock at {@code traceTimeNs} (or later). */
    @Override
    public void sleepUntil(long traceTimeNs) {
        Worker me = self.get();
        if (me == null) return;
        checkAborted();
        me.state = State.READY;
        me.due = traceTimeNs;
        gen++; // it ran since it was last resumed: what others wait for may have changed
        switchTo(me, pick());
    }

    @Override
    public void yieldAt(YieldPoint point) {
        if (self.get() != null) checkAborted();
    }

    /** The caller's wait is not satisfied: the others run; it is resumed once one of them has run. */
    @Override
    public void waitTurn() {
        Worker me = self.get();
        if (me == null) {
            Thread.onSpinWait();
            return;
        }
        checkAborted();
        me.state = State.WAITING;
        me.due = now;
        me.seenGen = gen;
        switchTo(me, pick());
    }

    /** Work outside the model's threads (liburcu's grace period) goes on by itself: spin, keep the turn. */
    @Override
    public void waitExternal() {
        if (self.get() != null) checkAborted();
        Thread.onSpinWait();
    }

    /** The trace time the clock has reached. */
    public long now() {
        return now;
    }

    /** Hand-overs between workers so far. */
    public long switches() {
        return switches;
    }

    /**
     * The next worker: the earliest READY one, or an earlier waiter that has not yet looked since the last change
     * (a waiter's time is when it began to wait, never after the clock). Called by the running worker only.
     */
    private Worker pick() {
        while (true) {
            Worker best = null;
            boolean waiting = false;
            for (Worker w : workers) {
                boolean candidate = switch (w.state) {
                    case READY -> true;
                    case WAITING -> {
                        waiting = true;
                        yield w.seenGen < gen;
                    }
                    case DONE -> false;
                };
                if (candidate && (best == null || w.due < best.due)) best = w;
            }
            if (best != null) {
                if (best.state == State.READY) {
                    idleRounds = 0;
                    now = Math.max(now, best.due);
                }
                return best;
            }
            if (!waiting) return null;
            // Only waiters, none of which saw a change: one of them may have gone on before waiting again.
            if (++idleRounds > IDLE_ROUNDS_LIMIT) {
                aborted = true;
                throw new IllegalStateException("deadlock at trace time " + now + ": every worker waits ("
                        + workers.stream().filter(w -> w.state == State.WAITING).map(w -> w.name).toList() + ")");
            }
            gen++;
        }
    }

    private void switchTo(Worker me, Worker next) {
        if (next == me) return;
        switches++;
        current = next;
        LockSupport.unpark(next.thread);
        awaitTurn(me);
        checkAborted();
    }

    private void awaitTurn(Worker me) {
        while (current != me) LockSupport.park(this);
    }

    private void leave(Worker me) {
        me.state = State.DONE;
        gen++;
        Worker next;
        try {
            next = pick();
        } catch (IllegalStateException deadlock) {
            next = null;
        }
        if (next == null && aborted) { // let every parked worker unwind
            for (Worker w : workers) {
                if (w.state != State.DONE) {
                    next = w;
                    break;
                }
            }
        }
        current = next;
        if (next != null) LockSupport.unpark(next.thread);
    }

    private void checkAborted() {
        if (aborted) throw new DeterministicScheduler.Aborted();
    }
}
