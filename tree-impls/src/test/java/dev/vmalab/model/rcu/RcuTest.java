package dev.vmalab.model.rcu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RcuTest {

    @Test
    void aCallbackWaitsForReadersThatWereInsideWhenItWasQueued() throws Exception {
        Rcu rcu = new Rcu(GracePeriods.STRICT, 1);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            Task t = rcu.current();
            rcu.readLock(t);
            inside.countDown();
            try {
                leave.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            rcu.readUnlock(t);
        });
        reader.start();
        inside.await();
        AtomicBoolean freed = new AtomicBoolean();
        rcu.callRcu(() -> freed.set(true));
        assertThat(freed).as("a reader that may hold the pointer is still inside").isFalse();
        leave.countDown();
        reader.join();
        assertThat(freed).as("strict: the grace period ends at that reader's unlock").isTrue();
    }

    @Test
    void readersThatEnterAfterTheCallbackDoNotDelayIt() {
        Rcu rcu = new Rcu(GracePeriods.STRICT, 1);
        AtomicBoolean freed = new AtomicBoolean();
        rcu.callRcu(() -> freed.set(true));
        assertThat(freed).isTrue();
        Task t = rcu.current();
        rcu.readLock(t);
        AtomicBoolean second = new AtomicBoolean();
        rcu.callRcu(() -> second.set(true));
        assertThat(second).as("this thread itself is inside").isFalse();
        rcu.readUnlock(t);
        assertThat(second).isTrue();
    }

    @Test
    void nestedSectionsEndAtTheOutermostUnlock() {
        Rcu rcu = new Rcu(GracePeriods.STRICT, 1);
        Task t = rcu.current();
        rcu.readLock(t);
        rcu.readLock(t);
        AtomicBoolean freed = new AtomicBoolean();
        rcu.callRcu(() -> freed.set(true));
        rcu.readUnlock(t);
        assertThat(freed).isFalse();
        rcu.readUnlock(t);
        assertThat(freed).isTrue();
    }

    @Test
    void lazyGracePeriodsBatchCallbacksUntilAQuiescentPoint() {
        Rcu rcu = new Rcu(GracePeriods.LAZY, 100);
        AtomicBoolean freed = new AtomicBoolean();
        rcu.callRcu(() -> freed.set(true));
        assertThat(freed).isFalse();
        rcu.quiescentPoint();
        assertThat(freed).isTrue();
    }

    @Test
    void synchronizeInsideAReadSectionIsABug() {
        Rcu rcu = new Rcu(GracePeriods.LAZY, 100);
        Task t = rcu.current();
        rcu.readLock(t);
        assertThatThrownBy(() -> rcu.synchronize(t)).isInstanceOf(IllegalStateException.class);
        rcu.readUnlock(t);
        assertThatThrownBy(() -> rcu.readUnlock(t)).isInstanceOf(IllegalStateException.class);
    }
}
