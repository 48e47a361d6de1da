package dev.vmalab.replay.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The replay workers' own clocks: each worker's thread CPU time ({@code ThreadMXBean}, i.e.
 * {@code CLOCK_THREAD_CPUTIME_ID}: ns, not the process clock's 10 ms ticks) and wall time from its
 * start to its end, summed over every worker this JVM ran. A worker spins while it waits for its
 * turn (OrderGate, Scheduling.onSpinWait), so on a free core its CPU time is its wall time; CPU
 * well below wall means the OS ran something else on its core (machine load, the JVM's own GC and
 * JIT threads) or the hypervisor did (steal time is not charged to the thread).
 * {@link JvmActivity} snapshots the totals, so two snapshots bracket one pass.
 */
public final class WorkerClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU = THREADS.isCurrentThreadCpuTimeSupported();
    private static final LongAdder CPU_NS = new LongAdder();
    private static final LongAdder WALL_NS = new LongAdder();

    private WorkerClock() {}

    /** {@code body}, its thread CPU and wall time added to the totals when it ends (also by an exception). */
    public static Runnable timed(Runnable body) {
        return () -> {
            long wall = System.nanoTime();
            long cpu = CPU ? THREADS.getCurrentThreadCpuTime() : -1;
            try {
                body.run();
            } finally {
                if (cpu >= 0) {
                    CPU_NS.add(THREADS.getCurrentThreadCpuTime() - cpu);
                    WALL_NS.add(System.nanoTime() - wall);
                }
            }
        };
    }

    /** Workers' CPU ns so far (-1 when the JVM cannot measure thread CPU time). */
    static long cpuNs() {
        return CPU ? CPU_NS.sum() : -1;
    }

    /** Workers' wall ns so far, over the workers whose CPU was measured. */
    static long wallNs() {
        return WALL_NS.sum();
    }
}
