package dev.vmalab.replay.sched;

import java.util.ArrayList;
import java.util.List;

/** Runs bodies on platform threads that the JVM schedules freely; rethrows the first failure. */
public final class FreeThreads {
    private FreeThreads() {}

    public static void run(List<DeterministicScheduler.Body> bodies, Runnable onFailure) {
        List<Throwable> failures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (DeterministicScheduler.Body b : bodies) {
            threads.add(Thread.ofPlatform().name(b.name()).unstarted(() -> {
                try {
                    b.work().run();
                } catch (DeterministicScheduler.Aborted a) {
                    // another worker failed first
                } catch (Throwable t) {
                    synchronized (failures) {
                        failures.add(t);
                    }
                    onFailure.run();
                }
            }));
        }
        threads.forEach(Thread::start);
        WorkerThreads.joinAndRethrow(threads, failures);
    }
}
