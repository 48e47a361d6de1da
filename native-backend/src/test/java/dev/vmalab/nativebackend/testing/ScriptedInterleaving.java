package dev.vmalab.nativebackend.testing;

import dev.vmalab.model.sched.Scheduling;
import dev.vmalab.model.sched.YieldPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drives an exact interleaving: when the reader thread reaches a yield point
 * for the n-th time, it stops there while an action runs to completion on a
 * separate writer thread (its own RCU task), then goes on. A copy of tree-impls'
 * dev.vmalab.model.testing.ScriptedInterleaving.
 */
public final class ScriptedInterleaving implements Scheduling, AutoCloseable {
    private record Pause(YieldPoint point, int nth, Runnable writerAction) {}

    private final Thread reader;
    private final List<Pause> pauses = new ArrayList<>();
    private final int[] seen = new int[YieldPoint.values().length];
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "writer"));
    private final List<YieldPoint> trace = new ArrayList<>();

    public ScriptedInterleaving(Thread reader) {
        this.reader = reader;
    }

    /** At the {@code nth} time (from 1) the reader reaches {@code point}, run {@code action} on the writer thread. */
    public ScriptedInterleaving at(YieldPoint point, int nth, Runnable action) {
        pauses.add(new Pause(point, nth, action));
        return this;
    }

    /** Runs an action on the writer thread now (setup steps). */
    public void onWriter(Runnable action) {
        run(action);
    }

    @Override
    public void yieldAt(YieldPoint point) {
        if (Thread.currentThread() != reader) return;
        trace.add(point);
        int n = ++seen[point.ordinal()];
        for (Pause p : pauses) {
            if (p.point == point && p.nth == n) run(p.writerAction);
        }
    }

    /** Yield points the reader passed, in order. */
    public List<YieldPoint> readerTrace() {
        return List.copyOf(trace);
    }

    private void run(Runnable action) {
        try {
            writer.submit(action).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("writer action failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("writer action did not finish: it waits for the paused reader", e);
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
