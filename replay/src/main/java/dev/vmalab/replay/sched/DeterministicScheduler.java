package dev.vmalab.replay.sched;

import dev.vmalab.model.sched.Scheduling;
import dev.vmalab.model.sched.YieldPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one worker at a time and switches only at the model's yield points, choosing with
 * a seeded random generator: the same seed and the same work give the same interleaving.
 *
 * <p>At an ordinary yield point the running worker hands over with probability
 * {@code switchPercent}% to a uniformly chosen other worker (staying on is likelier, so a
 * writer often finishes several steps in a row, as on a real CPU); at a wait it always hands
 * over (the model never blocks in the JVM, so the thread waited for must get to run); at
 * {@link YieldPoint#RETRY_WINDOW} it always hands over when {@code switchAtRetryWindow}
 * (the deterministic form of the retry-window delay). Every decision is made by the one
 * running thread, so the generator is used in a fixed order.
 *
 * <p>Use: {@link #run(List)} with one body per worker; calls from threads that are not
 * workers (set-up on the main thread) pass through.
 */
public final class DeterministicScheduler implements Scheduling {
    private final SplittableRandom random;
    private final int switchPercent;
    private final boolean switchAtRetryWindow;
    private final List<Worker> runnable = new ArrayList<>();
    private final ThreadLocal<Worker> self = new ThreadLocal<>();
    private volatile Worker current;
    /** Set when a worker failed: the others stop at their next yield point instead of waiting for it forever. */
    private volatile boolean aborted;
    private long decisions;
    private long switches;

    private static final class Worker {
        final String name;
        Thread thread;

        Worker(String name) {
            this.name = name;
        }
    }

    public DeterministicScheduler(long seed, int switchPercent, boolean switchAtRetryWindow) {
        if (switchPercent < 0 || switchPercent > 100) throw new IllegalArgumentException("switch percent 0..100");
        this.random = new SplittableRandom(seed);
        this.switchPercent = switchPercent;
        this.switchAtRetryWindow = switchAtRetryWindow;
    }

    /** A named body for one worker thread. */
    public record Body(String name, Runnable work) {}

    /**
     * Runs every body on its own thread, one at a time; returns when all have finished.
     * A body's exception is rethrown (the first one) after the others finish.
     */
    public void run(List<Body> bodies) {
        List<Throwable> failures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (Body b : bodies) {
            Worker w = new Worker(b.name());
            runnable.add(w);
            w.thread = Thread.ofPlatform().name(b.name()).unstarted(() -> {
                self.set(w);
                awaitTurn(w);
                try {
                    WorkerThreads.runKeepingFailure(b.work(), failures, () -> aborted = true);
                } finally {
                    leave(w);
                }
            });
            threads.add(w.thread);
        }
        if (runnable.isEmpty()) return;
        current = runnable.get(random.nextInt(runnable.size()));
        threads.forEach(Thread::start);
        WorkerThreads.joinAndRethrow(threads, failures);
    }

    @Override
    public void yieldAt(YieldPoint point) {
        Worker me = self.get();
        if (me == null) return;
        if (aborted) throw new Aborted();
        decisions++;
        int others = runnable.size() - 1;
        if (others == 0) {
            if (point == YieldPoint.WAIT) {
                throw new IllegalStateException("deadlock: " + me.name + " waits and no other worker can run (" + runnable.size() + " runnable)");
            }
            return;
        }
        boolean hand = point == YieldPoint.WAIT
                || (point == YieldPoint.RETRY_WINDOW && switchAtRetryWindow)
                || random.nextInt(100) < switchPercent;
        if (hand) handOver(me, pickOther(me));
    }

    @Override
    public void waitTurn() {
        yieldAt(YieldPoint.WAIT);
    }

    /** Alone, a worker waiting for a thread outside the model (liburcu's) just spins; else it hands over as in waitTurn. */
    @Override
    public void waitExternal() {
        Worker me = self.get();
        if (me != null && runnable.size() == 1) {
            if (aborted) throw new Aborted();
            Thread.onSpinWait();
            return;
        }
        waitTurn();
    }

    /** Scheduling decisions taken so far (yield points reached by workers). */
    public long decisions() {
        return decisions;
    }

    public long switches() {
        return switches;
    }

    /** Unwinds a worker after another one failed. */
    public static final class Aborted extends RuntimeException {
        Aborted() {
            super("replay aborted: another worker failed", null, false, false);
        }
    }

    private Worker pickOther(Worker me) {
        int i = random.nextInt(runnable.size() - 1);
        Worker w = runnable.get(i);
        return w == me ? runnable.get(runnable.size() - 1) : w;
    }

    private void handOver(Worker me, Worker next) {
        switches++;
        current = next;
        LockSupport.unpark(next.thread);
        awaitTurn(me);
    }

    private void awaitTurn(Worker me) {
        while (current != me) LockSupport.park(this);
    }

    private void leave(Worker me) {
        runnable.remove(me);
        if (runnable.isEmpty()) {
            current = null;
            return;
        }
        Worker next = runnable.get(random.nextInt(runnable.size()));
        current = next;
        LockSupport.unpark(next.thread);
    }
}
