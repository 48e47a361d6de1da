package dev.vmalab.replay.measure;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * A snapshot of this JVM's process CPU time, GC count and time, JIT compile time (JMX's
 * GarbageCollectorMXBean and CompilationMXBean counters) and the replay workers' own thread CPU and
 * wall time ({@link WorkerClock}); two snapshots bracket a measured pass.
 *
 * @param cpuNs       process CPU time: every thread, JIT and GC included; the OS counts it in 10 ms ticks
 *                    on Linux (times(2)), too coarse for one pass (-1: unknown)
 * @param workerCpuNs the replay workers' thread CPU time, ns-exact (-1: unknown)
 * @param workerWallNs the same workers' wall time from start to end
 */
public record JvmActivity(long wallNs, long cpuNs, long gcCount, long gcMs, long jitMs, long workerCpuNs,
                          long workerWallNs) {
    /** Without worker clocks (no worker ran, or a test's made-up activity). */
    public JvmActivity(long wallNs, long cpuNs, long gcCount, long gcMs, long jitMs) {
        this(wallNs, cpuNs, gcCount, gcMs, jitMs, -1, 0);
    }

    public static JvmActivity now() {
        long count = 0, time = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            time += Math.max(0, gc.getCollectionTime());
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long jitMs = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
        long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        return new JvmActivity(System.nanoTime(), cpu, count, time, jitMs, WorkerClock.cpuNs(), WorkerClock.wallNs());
    }

    /** The activity between {@code before} and this snapshot. */
    public JvmActivity since(JvmActivity before) {
        boolean workers = workerCpuNs >= 0 && before.workerCpuNs >= 0;
        return new JvmActivity(wallNs - before.wallNs, cpuNs < 0 ? -1 : cpuNs - before.cpuNs, gcCount - before.gcCount,
                gcMs - before.gcMs, jitMs - before.jitMs, workers ? workerCpuNs - before.workerCpuNs : -1,
                workers ? workerWallNs - before.workerWallNs : 0);
    }

    /** The workers' CPU time over their wall time (NaN when unknown): well under 1, they were kept off their cores. */
    public double workerCpuShare() {
        return workerCpuNs < 0 || workerWallNs <= 0 ? Double.NaN : (double) workerCpuNs / workerWallNs;
    }
}
