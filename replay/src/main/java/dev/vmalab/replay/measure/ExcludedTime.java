package dev.vmalab.replay.measure;

/**
 * Time a replay thread spent inside a timed lookup on the lab's own work (paired
 * accounting's capture, the contention sweep's widened window): the worker subtracts it
 * from the lookup's latency, so that work stays off the timed path.
 */
public final class ExcludedTime {
    private static final ThreadLocal<long[]> SPENT = ThreadLocal.withInitial(() -> new long[1]);

    private ExcludedTime() {}

    public static void add(long ns) {
        SPENT.get()[0] += ns;
    }

    /** Excluded ns on this thread so far (a running total: take differences). */
    public static long total() {
        return SPENT.get()[0];
    }
}
