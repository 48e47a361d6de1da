package dev.vmalab.replay.measure;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * A snapshot of this JVM's process CPU time, GC count and time, and JIT compile time (JMX's
 * GarbageCollectorMXBean and CompilationMXBean counters); two snapshots bracket a measured pass.
 */
public record JvmActivity(long wallNs, long cpuNs, long gcCount, long gcMs, long jitMs) {
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
        return new JvmActivity(System.nanoTime(), cpu, count, time, jitMs);
    }

    /** The activity between {@code before} and this snapshot. */
    public JvmActivity since(JvmActivity before) {
        return new JvmActivity(wallNs - before.wallNs, cpuNs < 0 ? -1 : cpuNs - before.cpuNs, gcCount - before.gcCount,
                gcMs - before.gcMs, jitMs - before.jitMs);
    }
}
