package dev.vmalab.replay.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGINT/SIGTERM during a replay: the JVM runs its shutdown hooks, and this one stops the cell
 * JVM in flight (it would otherwise go on replaying, orphaned) and then writes the result folder
 * from the batches that finished. Removed when the replay ends normally. SIGKILL cannot be caught:
 * after a {@code kill -9} the finished batches are still in OUT/.partial and {@code --resume} works.
 */
public final class Interruption implements AutoCloseable {
    private static final Object LOCK = new Object();
    private static volatile Process child;
    private static volatile boolean stopping;

    /** A write into the result folder, done whole before an interrupt is handled or not at all after. */
    @FunctionalInterface
    public interface Write {
        void run() throws java.io.IOException;
    }

    private final Thread hook;
    private final AtomicBoolean fired = new AtomicBoolean();

    private Interruption(Runnable onInterrupt) {
        this.hook = new Thread(() -> {
            if (!fired.compareAndSet(false, true)) return;
            synchronized (LOCK) {
                stopping = true; // from here on no write of the main thread starts (unlessStopping)
            }
            stopChild();
            onInterrupt.run();
        }, "vmalab-replay-interrupted");
    }

    /** Installs {@code onInterrupt} to run if the JVM is told to stop before {@link #close()}. */
    public static Interruption install(Runnable onInterrupt) {
        Interruption i = new Interruption(onInterrupt);
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    /** The cell JVM now running (null when none): stopped first on an interrupt. */
    public static void child(Process p) {
        child = p;
    }

    /**
     * Called by a thread that found its work cut short (its cell JVM was stopped): if the JVM is
     * shutting down it waits for the halt instead of reporting a failure nobody caused.
     */
    public static void awaitHaltIfStopping() {
        try {
            // A signal reaches the cell JVM (same process group) and this one at once: give the hook a moment.
            for (int i = 0; i < 20 && !stopping; i++) Thread.sleep(100);
            if (!stopping) return;
            new java.util.concurrent.CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code write} unless the JVM is stopping; then it waits for the halt instead, so nothing
     * is written after the interrupt handler deleted the unfinished cells' files.
     */
    public static void unlessStopping(Write write) throws java.io.IOException {
        synchronized (LOCK) {
            if (!stopping) {
                write.run();
                return;
            }
        }
        awaitHaltIfStopping();
    }

    private static void stopChild() {
        Process p = child;
        if (p == null || !p.isAlive()) return;
        p.destroy(); // SIGTERM: the cell's own hooks remove its temporary files
        try {
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (InterruptedException e) {
            p.destroyForcibly();
        }
    }

    @Override
    public void close() {
        if (fired.get()) return;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting: the hook runs (or ran) and writes the folder.
        }
    }
}
