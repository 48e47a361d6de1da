package dev.vmalab.replay.sched;

import java.util.List;

/** A replay's worker threads, for both one-at-a-time schedulers: each body's failure, and their end. */
final class WorkerThreads {
    private WorkerThreads() {}

    /**
     * Runs one worker's body: a failure is kept in {@code failures} (the first is rethrown once all are joined)
     * and {@code onFailure} tells the scheduler to stop the others; {@link DeterministicScheduler.Aborted} (another
     * worker failed first, its failure is the one reported) is not one.
     */
    static void runKeepingFailure(Runnable work, List<Throwable> failures, Runnable onFailure) {
        try {
            work.run();
        } catch (DeterministicScheduler.Aborted a) {
            // another worker failed first
        } catch (Throwable t) {
            synchronized (failures) {
                failures.add(t);
            }
            onFailure.run();
        }
    }

    /** Joins every thread, then rethrows the first failure a worker recorded (unchecked as it was, else wrapped). */
    static void joinAndRethrow(List<Thread> threads, List<Throwable> failures) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while replaying", e);
            }
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.getFirst();
            if (first instanceof RuntimeException r) throw r;
            if (first instanceof Error err) throw err;
            throw new IllegalStateException(first);
        }
    }
}
