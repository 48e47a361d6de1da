package dev.vmalab.nativebackend;

import java.util.List;

/**
 * The seed bug (syzbot 131f9eb2b5807573275c, DESIGN.md section 1) on the real maple tree.
 *
 * <p>VMAs [0x1000,0x2000) id 1, [0x3000,0x5000) id 2, [0x6000,0x7000) id 3: one leaf. Reader:
 * {@code rcu_read_lock; mas_walk(0x3800)} finds VMA 2, state active at the leaf;
 * {@code rcu_read_unlock} (as {@code vma_start_read()} does when it fails). Writer: an
 * {@code mprotect} of [0x3800,0x4000) splits VMA 2 (new id 4): in RCU mode the leaf is replaced
 * by a new one and freed by {@code call_rcu}; {@code synchronize_rcu + rcu_barrier} make sure
 * it really is freed. Reader again: {@code rcu_read_lock}, the retry's reset, {@code mas_walk}.
 */
public final class SeedScenario {
    private SeedScenario() {}

    public static final long ADDRESS = 0x3800;

    /** What the lookup does before {@code goto retry}. */
    public enum Retry {
        /** The pre-fix 6.18 code: nothing. */
        NO_RESET,
        /** The merged fix: {@code mas_set(&mas, address)}. */
        MAS_SET,
        /** {@code mas_reset()} / {@code vma_iter_reset()}: status only, the index stays stale. */
        MAS_RESET
    }

    /**
     * @param firstEntry  entry found by the first walk
     * @param firstIndex  its range start
     * @param firstStatus state after the first walk
     * @param firstNode   the cached leaf
     * @param retryEntry  entry the retry walk returned (raw: garbage after a use-after-free)
     * @param retryIndex  mas->index after the retry
     * @param retryLast   mas->last after the retry
     * @param reports     ASan reports raised by the retry (empty for the o2 flavour)
     */
    public record Outcome(long firstEntry, long firstIndex, MapleStatus firstStatus, long firstNode,
                          long retryEntry, long retryIndex, long retryLast, List<AsanReport> reports) {}

    public static Outcome run(NativeMapleLibrary lib, Retry retry) {
        lib.takeAsanReports();
        try (NativeMapleTree mt = lib.newTree(); NativeMaState mas = mt.state(ADDRESS)) {
            mt.store(0x1000, 0x1fff, MapleEntry.of(1));
            mt.store(0x3000, 0x4fff, MapleEntry.of(2));
            mt.store(0x6000, 0x6fff, MapleEntry.of(3));

            lib.rcuReadLock();
            long first = mas.walk();
            long firstIndex = mas.index();
            MapleStatus firstStatus = mas.status();
            long firstNode = mas.node();
            lib.rcuReadUnlock();

            mt.store(0x3800, 0x3fff, MapleEntry.of(4));
            lib.synchronizeRcu();
            lib.rcuBarrier();

            lib.rcuReadLock();
            switch (retry) {
                case NO_RESET -> { }
                case MAS_SET -> mas.set(ADDRESS);
                case MAS_RESET -> mas.reset();
            }
            long again = mas.walk();
            long index = mas.index();
            long last = mas.last();
            lib.rcuReadUnlock();
            List<AsanReport> reports = lib.takeAsanReports();
            return new Outcome(first, firstIndex, firstStatus, firstNode, again, index, last, reports);
        }
    }

    /** Child-JVM entry point: {@code SeedScenario LIBRARY RETRY}; prints key=value lines, reports last. */
    public static void main(String[] args) {
        NativeMapleLibrary lib = NativeMapleLibrary.load(java.nio.file.Path.of(args[0]));
        Outcome o = run(lib, Retry.valueOf(args[1]));
        System.out.println("build=" + lib.buildInfo());
        System.out.println("first.entry=" + Long.toHexString(o.firstEntry()));
        System.out.println("first.status=" + o.firstStatus());
        System.out.println("retry.entry=" + Long.toHexString(o.retryEntry()));
        System.out.println("retry.index=" + Long.toHexString(o.retryIndex()));
        System.out.println("retry.last=" + Long.toHexString(o.retryLast()));
        System.out.println("reports=" + o.reports().size());
        for (AsanReport r : o.reports()) {
            System.out.println("report.kind=" + r.kind());
            System.out.println("report.stack=" + String.join(" <- ", r.accessStack()));
        }
        if (!o.reports().isEmpty()) {
            System.out.println("---- first report ----");
            System.out.println(o.reports().getFirst().text());
        }
        System.out.flush();
    }
}
