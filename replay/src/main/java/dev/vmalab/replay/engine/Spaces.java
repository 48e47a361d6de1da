package dev.vmalab.replay.engine;

import dev.vmalab.model.sched.Scheduling;
import dev.vmalab.model.vma.Mm;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The model mm of each address space of the plan. A worker that needs a space another
 * worker has not created yet (a fork on another trace thread) waits through the
 * scheduler; the creating step comes earlier in the trace, so it can always run.
 */
final class Spaces {
    private final AtomicReferenceArray<Mm> mms;

    Spaces(int count) {
        this.mms = new AtomicReferenceArray<>(count);
    }

    Mm await(int space, Scheduling scheduling) {
        Mm mm;
        while ((mm = mms.get(space)) == null) scheduling.waitTurn();
        return mm;
    }

    void publish(int space, Mm mm) {
        mms.set(space, mm);
    }
}
