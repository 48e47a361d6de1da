package dev.vmalab.replay.plan;

import dev.vmalab.traces.event.TraceEvent;
import java.util.List;

/**
 * A trace cut up for {@code workers} threads: every step, which worker runs which steps
 * (each trace thread's events on one worker, in trace order), how many address spaces the
 * trace makes, which of them exist before the first event, and where warm-up ends.
 */
public final class ReplayPlan {
    private final Step[] steps;
    private final int[][] stepsOfWorker;
    private final int[] traceThreadsOfWorker;
    private final boolean[] preexisting;
    private final int firstMeasured;

    ReplayPlan(Step[] steps, int[][] stepsOfWorker, int[] traceThreadsOfWorker, boolean[] preexisting,
               int firstMeasured) {
        this.steps = steps;
        this.stepsOfWorker = stepsOfWorker;
        this.traceThreadsOfWorker = traceThreadsOfWorker;
        this.preexisting = preexisting;
        this.firstMeasured = firstMeasured;
    }

    /** Plans {@code events} (time-ordered) for {@code workers} threads; the first {@code warmup} share is warm-up. */
    public static ReplayPlan of(List<TraceEvent> events, int workers, double warmup) {
        return new PlanBuilder(workers).build(events, warmup);
    }

    /**
     * Plans {@code events} with one worker per trace thread, so each trace thread's events keep their own
     * timeline ({@code --pace trace}: a writer sleeping through its traced hold must not hold back another trace
     * thread's events).
     */
    public static ReplayPlan perTraceThread(List<TraceEvent> events, double warmup) {
        int threads = (int) events.stream().mapToInt(TraceEvent::tid).distinct().count();
        return of(events, Math.max(1, threads), warmup);
    }

    public Step step(int seq) {
        return steps[seq];
    }

    public int size() {
        return steps.length;
    }

    public int workers() {
        return stepsOfWorker.length;
    }

    /** Sequence numbers of the steps worker {@code w} runs, in order. */
    public int[] stepsOf(int w) {
        return stepsOfWorker[w];
    }

    /** Trace threads mapped onto worker {@code w}. */
    public int traceThreadsOf(int w) {
        return traceThreadsOfWorker[w];
    }

    public int spaces() {
        return preexisting.length;
    }

    /** Whether space {@code s} exists before the trace starts (a process whose fork or exec was not traced). */
    public boolean preexisting(int s) {
        return preexisting[s];
    }

    /** Steps with a lower sequence number are warm-up: run, not counted. */
    public int firstMeasured() {
        return firstMeasured;
    }
}
