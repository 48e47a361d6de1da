package dev.vmalab.nativebackend.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random op sequences over a small index space (so stores overlap, split and merge
 * ranges, and trees grow to a few levels), with the occasional range to the end (MAX).
 */
final class OpGenerator {
    static final int CURSORS = 3;
    static final int POOL = 24;
    private static final long SPACE = 0x400;

    private OpGenerator() {}

    static List<Op> generate(long seed, int length) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Op> ops = new ArrayList<>(length);
        for (int i = 0; i < length; i++) ops.add(next(rnd));
        return ops;
    }

    private static Op next(SplittableRandom rnd) {
        int c = rnd.nextInt(CURSORS);
        int roll = rnd.nextInt(100);
        if (roll < 28) {
            long first = index(rnd);
            long last = rnd.nextInt(20) == 0 ? Long.MAX_VALUE : Math.min(Long.MAX_VALUE, first + rnd.nextLong(1 + rnd.nextInt(4) * 16L));
            return new Op(Op.Kind.STORE, 0, first, last, rnd.nextInt(5) == 0 ? -1 : rnd.nextInt(POOL));
        }
        if (roll < 34) return new Op(Op.Kind.ERASE, 0, index(rnd), 0, 0);
        if (roll < 38) return new Op(Op.Kind.LOAD, 0, index(rnd), 0, 0);
        if (roll < 58) return new Op(Op.Kind.WALK, c, 0, 0, 0);
        if (roll < 74) return new Op(Op.Kind.FIND, c, rnd.nextInt(6) == 0 ? Long.MAX_VALUE : index(rnd), 0, 0);
        if (roll < 84) return new Op(Op.Kind.SET, c, index(rnd), 0, 0);
        if (roll < 87) {
            long first = index(rnd);
            return new Op(Op.Kind.SET_RANGE, c, first, Math.max(first, first + rnd.nextInt(32)), 0); // no overflow past MAX
        }
        if (roll < 92) return new Op(Op.Kind.RESET, c, 0, 0, 0);
        if (roll < 97) return new Op(Op.Kind.PAUSE, c, 0, 0, 0);
        return new Op(Op.Kind.QUIESCE, 0, 0, 0, 0);
    }

    private static long index(SplittableRandom rnd) {
        return rnd.nextInt(50) == 0 ? Long.MAX_VALUE - rnd.nextInt(2) : rnd.nextLong(SPACE);
    }
}
