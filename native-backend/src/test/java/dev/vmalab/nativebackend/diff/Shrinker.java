package dev.vmalab.nativebackend.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Delta debugging (Zeller's ddmin) over an op list: the shortest sublist found that still fails,
 * removing chunks of halving size and then single ops until no removal keeps the failure.
 */
final class Shrinker {
    private Shrinker() {}

    static List<Op> shrink(List<Op> failing, Predicate<List<Op>> fails) {
        List<Op> ops = new ArrayList<>(failing);
        int chunks = 2;
        while (ops.size() >= 2) {
            int size = (int) Math.ceil(ops.size() / (double) chunks);
            boolean reduced = false;
            for (int start = 0; start < ops.size(); start += size) {
                List<Op> candidate = new ArrayList<>(ops.subList(0, start));
                candidate.addAll(ops.subList(Math.min(ops.size(), start + size), ops.size()));
                if (!candidate.isEmpty() && fails.test(candidate)) {
                    ops = candidate;
                    chunks = Math.max(chunks - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (size == 1) break;
                chunks = Math.min(ops.size(), chunks * 2);
            }
        }
        return ops;
    }
}
