package dev.vmalab.model.sched;

/**
 * Who decides what runs at a {@link YieldPoint}. The default lets the JVM
 * schedule freely; replay installs a seeded scheduler (one thread at a time)
 * or an amplifier (delays in the race windows).
 *
 * <p>WARNING: every wait in the model loops on {@link #waitTurn}, never blocks
 * in the JVM: a deterministic scheduler must be able to run the thread being
 * waited for.
 */
public interface Scheduling {
    /** Called at each yield point; may switch threads or delay. */
    void yieldAt(YieldPoint point);

    /** Called in a wait loop until the condition holds. */
    default void waitTurn() {
        yieldAt(YieldPoint.WAIT);
        Thread.onSpinWait();
    }

    /**
     * Called in a loop that waits for work done outside the model's threads
     * (liburcu's grace period, on its own thread): like {@link #waitTurn}, but
     * waiting alone is no deadlock, since that work goes on regardless.
     */
    default void waitExternal() {
        waitTurn();
    }

    /**
     * Waits until trace time {@code traceTimeNs} on a virtual clock: the trace-clock scheduler (replay's
     * {@code TraceClock}) runs the other workers' events due before it meanwhile. Schedulers without a trace
     * clock return at once.
     */
    default void sleepUntil(long traceTimeNs) {}

    /** The JVM schedules; waits spin politely. */
    Scheduling FREE = new Scheduling() {
        @Override
        public void yieldAt(YieldPoint point) {}

        @Override
        public void waitTurn() {
            Thread.yield();
        }
    };
}
