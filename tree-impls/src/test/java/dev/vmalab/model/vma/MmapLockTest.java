package dev.vmalab.model.vma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.sched.Scheduling;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The rwsem's queueing and hand-over, with real threads; every wait is bounded. */
@Timeout(30)
class MmapLockTest {
    private final MmapLock lock = new MmapLock();

    @Test
    void aReleaseHandsTheLockToTheQueuedReaderSoTheWriterCannotRetakeItAtOnce() throws Exception {
        lock.writeLock(Scheduling.FREE);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            lock.readLock(Scheduling.FREE);
            order.add("reader");
            await(release);
            lock.readUnlock();
        });
        until(() -> lock.waiters() == 1);
        lock.writeUnlock(); // the queued reader holds it now
        assertThat(lock.waiters()).isZero();
        Thread writer = Thread.ofPlatform().start(() -> {
            lock.writeLock(Scheduling.FREE);
            order.add("writer");
            lock.writeUnlock();
        });
        until(() -> lock.waiters() == 1); // the writer waits for the reader
        assertThat(lock.isWriteLocked()).isFalse();
        release.countDown();
        reader.join();
        writer.join();
        assertThat(order).containsExactly("reader", "writer");
    }

    @Test
    void readersArrivingWhileAWriterWaitsQueueBehindIt() throws Exception {
        lock.readLock(Scheduling.FREE);
        List<String> order = new CopyOnWriteArrayList<>();
        Thread writer = Thread.ofPlatform().start(() -> {
            lock.writeLock(Scheduling.FREE);
            order.add("writer");
            lock.writeUnlock();
        });
        until(() -> lock.waiters() == 1);
        Thread reader = Thread.ofPlatform().start(() -> {
            lock.readLock(Scheduling.FREE);
            order.add("reader");
            lock.readUnlock();
        });
        until(() -> lock.waiters() == 2); // not shared with the holder: behind the writer
        assertThat(order).isEmpty();
        lock.readUnlock();
        writer.join();
        reader.join();
        assertThat(order).containsExactly("writer", "reader");
        assertThat(lock.waiters()).isZero();
    }

    @Test
    void aWriterReleaseWakesEveryQueuedReaderAtOnce() throws Exception {
        lock.writeLock(Scheduling.FREE);
        CountDownLatch bothIn = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Runnable read = () -> {
            lock.readLock(Scheduling.FREE);
            bothIn.countDown();
            await(release);
            lock.readUnlock();
        };
        Thread r1 = Thread.ofPlatform().start(read);
        Thread r2 = Thread.ofPlatform().start(read);
        until(() -> lock.waiters() == 2);
        lock.writeUnlock();
        await(bothIn); // both hold it together
        release.countDown();
        r1.join();
        r2.join();
        lock.writeLock(Scheduling.FREE); // free again
        lock.writeUnlock();
    }

    @Test
    void aTrylockFailsWhileAWriterHoldsOrWaitsAndSharesWithReaders() throws Exception {
        lock.writeLock(Scheduling.FREE);
        assertThat(lock.tryReadLock()).as("writer holds it").isFalse();
        lock.writeUnlock();
        lock.readLock(Scheduling.FREE);
        assertThat(lock.tryReadLock()).as("shared with a reader").isTrue();
        lock.readUnlock();
        Thread writer = Thread.ofPlatform().start(() -> {
            lock.writeLock(Scheduling.FREE);
            lock.writeUnlock();
        });
        until(() -> lock.waiters() == 1);
        assertThat(lock.tryReadLock()).as("a writer waits (RWSEM_FLAG_WAITERS)").isFalse();
        lock.readUnlock();
        writer.join();
        assertThat(lock.tryReadLock()).isTrue();
        lock.readUnlock();
    }

    private static void until(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 10_000 && !condition.getAsBoolean(); i++) Thread.sleep(1);
        assertThat(condition.getAsBoolean()).as("condition reached within 10 s").isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
