package dev.vmalab.model.vma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.rcu.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A traced writer's hold: mmap_write_unlock() does not release before the deadline, and only once. */
@Timeout(30)
class WriteHoldTest {
    @Test
    void theUnlockWaitsForTheDeadlineOnceAndAClearedDeadlineIsNotWaitedFor() {
        Kernel kernel = Kernel.builder().build();
        Mm mm = new Mm(kernel);
        Task t = kernel.rcu().current();
        long deadline = System.nanoTime() + 3_000_000;
        WriteHold.until(deadline);
        mm.mmapWriteLock(t);
        mm.mmapWriteUnlock(t);
        assertThat(System.nanoTime()).isGreaterThanOrEqualTo(deadline);
        assertThat(mm.isWriteLocked()).isFalse();

        long far = System.nanoTime() + 3_600_000_000_000L; // an hour: waiting for it would time the test out
        WriteHold.until(far);
        WriteHold.clear();
        mm.mmapWriteLock(t);
        mm.mmapWriteUnlock(t);
        assertThat(mm.isWriteLocked()).isFalse();
    }
}
