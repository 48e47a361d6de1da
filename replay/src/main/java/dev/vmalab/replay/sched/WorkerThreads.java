package dev.vmalab.replay.sched;

import java.util.List;

/** The end of a replay's worker threads, for both schedulers. */
final class WorkerThreads {
    private WorkerThreads() {}

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
