package dev.vmalab.replay.measure;

/**
 * Time (and maple node reads) a replay thread spent inside a timed lookup on the lab's own
 * work (paired accounting's capture, the contention sweep's writer): the worker subtracts
 * them from the lookup's latency and node count, so that work stays off the measured path.
 */
public final class ExcludedTime {
    private static final ThreadLocal<long[]> SPENT = ThreadLocal.withInitial(() -> new long[2]);

    private ExcludedTime() {}

    public static void add(long ns) {
        SPENT.get()[0] += ns;
    }

    public static void addNodes(long nodes) {
        SPENT.get()[1] += nodes;
    }

    /** This thread's totals, {ns, node reads}: a replay worker keeps it to read them without a thread-local lookup per fault. */
    public static long[] mine() {
        return SPENT.get();
    }

    /** Excluded ns on this thread so far (a running total: take differences). */
    public static long total() {
        return SPENT.get()[0];
    }

    /** Excluded node reads on this thread so far. */
    public static long nodes() {
        return SPENT.get()[1];
    }
}
