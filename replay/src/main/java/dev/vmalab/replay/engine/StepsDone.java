package dev.vmalab.replay.engine;

import dev.vmalab.model.sched.Scheduling;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Which steps have run: a step waits for the last earlier mapping change of its address
 * space ({@link dev.vmalab.replay.plan.Step#after()}), so a fault never runs before the
 * mmap that made its mapping, nor a writer before an earlier writer of the same mm.
 */
final class StepsDone {
    private final AtomicIntegerArray done;

    StepsDone(int steps) {
        this.done = new AtomicIntegerArray(steps);
    }

    void await(int seq, Scheduling scheduling) {
        if (seq < 0) return;
        while (done.get(seq) == 0) scheduling.waitTurn();
    }

    void mark(int seq) {
        done.set(seq, 1);
    }
}
