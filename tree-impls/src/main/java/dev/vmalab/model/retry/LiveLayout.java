package dev.vmalab.model.retry;

import dev.vmalab.model.maple.MapleTree;
import dev.vmalab.model.vma.Mm;
import java.util.ArrayList;
import java.util.List;

/**
 * The VMA ranges of a live mm near an address, read for paired accounting at the -EAGAIN
 * point without going through the model's checks or yield points (so the run's counters,
 * violations and interleaving stay as they were). Exact under the deterministic scheduler
 * (nothing else runs); with free threads a writer may be mid-change, and a read that
 * comes out inconsistent is dropped (null). The Java tree only: null for the native one.
 */
public final class LiveLayout {
    /** VMAs kept on each side of the event's range: enough for the retry's walk to meet real neighbours. */
    public static final int WINDOW = 16;

    private LiveLayout() {}

    /** [start, end) pairs in address order. */
    public record Ranges(long[] bounds) {
        public int size() {
            return bounds.length / 2;
        }

        public long start(int i) {
            return bounds[2 * i];
        }

        public long end(int i) {
            return bounds[2 * i + 1];
        }
    }

    /** The ranges of up to {@link #WINDOW} VMAs each side of [first, last], and every one overlapping it; null if unreadable. */
    public static Ranges around(Mm mm, long first, long last) {
        if (!(mm.tree() instanceof MapleTree tree)) return null;
        List<long[]> all = new ArrayList<>();
        try {
            tree.forEach((lo, hi, entry) -> all.add(new long[] {lo, hi + 1}));
        } catch (RuntimeException torn) { // a node changed under the read (free threads)
            return null;
        }
        int from = 0;
        while (from < all.size() && all.get(from)[1] <= first) from++;
        int to = from;
        while (to < all.size() && all.get(to)[0] <= last) to++;
        int lo = Math.max(0, from - WINDOW);
        int hi = Math.min(all.size(), to + WINDOW);
        long[] b = new long[2 * (hi - lo)];
        long prevEnd = Long.MIN_VALUE;
        for (int i = lo; i < hi; i++) {
            long[] r = all.get(i);
            if (r[0] < prevEnd || r[1] <= r[0]) return null; // torn read
            b[2 * (i - lo)] = r[0];
            b[2 * (i - lo) + 1] = r[1];
            prevEnd = r[1];
        }
        return new Ranges(b);
    }
}
