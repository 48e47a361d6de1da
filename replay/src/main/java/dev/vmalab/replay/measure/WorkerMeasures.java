package dev.vmalab.replay.measure;

import dev.vmalab.model.lookup.VmaLockStats;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * What one worker thread counts; only that thread writes it, the cell sums them at the end.
 * Warm-up lookups go to {@link #warmupStats} so the kernel counters' identities still hold
 * for both parts.
 */
public final class WorkerMeasures {
    public final VmaLockStats stats = new VmaLockStats();
    public final VmaLockStats warmupStats = new VmaLockStats();
    /** Fault lookup latency in ns, whole lookup including retries and fallback. */
    public final Histogram latency = new Histogram(3);
    public long nodesRead;
    public long events;
    /** Faults the model answered with SIGSEGV although the trace has them (a mapping the model lacks). */
    public long segvFaults;
    /** Writer events whose result in the model differs from the trace's. */
    public long writerMismatches;
    private long[] lookupsByRetries = new long[4];
    /** The model's fault outcomes next to the recording kernel's (set by the cell before the run). */
    public KernelCompare kernel = KernelCompare.empty();

    /** One measured lookup that needed {@code misses} walk retries. */
    public void countRetries(int misses) {
        if (misses >= lookupsByRetries.length) {
            lookupsByRetries = Arrays.copyOf(lookupsByRetries, Math.max(misses + 1, 2 * lookupsByRetries.length));
        }
        lookupsByRetries[misses]++;
    }

    /** Index = retries, value = lookups that needed that many. */
    public long[] lookupsByRetries() {
        return lookupsByRetries.clone();
    }

    /** Adds {@code b} into {@code a} index by index, growing it. */
    public static long[] addRetries(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, Math.max(a.length, b.length));
        for (int i = 0; i < b.length; i++) out[i] += b[i];
        return out;
    }
}
