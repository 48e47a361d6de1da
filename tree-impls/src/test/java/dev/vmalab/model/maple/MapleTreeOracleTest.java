package dev.vmalab.model.maple;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.rcu.Task;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random store/erase sequences: the tree answers every walk and find like a TreeMap of ranges, and stays well-formed. */
class MapleTreeOracleTest {

    /** Oracle: start -> (end, value) of non-null ranges, non-overlapping. */
    private static final class RangeOracle {
        final TreeMap<Long, long[]> ranges = new TreeMap<>(); // start -> {last, value}

        void store(long first, long last, long value) {
            erase(first, last);
            if (value != 0) ranges.put(first, new long[] {last, value});
        }

        void erase(long first, long last) {
            Map.Entry<Long, long[]> below = ranges.floorEntry(first);
            if (below != null && below.getValue()[0] >= first) {
                long[] r = ranges.remove(below.getKey());
                if (below.getKey() < first) ranges.put(below.getKey(), new long[] {first - 1, r[1]});
                if (r[0] > last) ranges.put(last + 1, new long[] {r[0], r[1]});
            }
            while (true) {
                Map.Entry<Long, long[]> e = ranges.ceilingEntry(first);
                if (e == null || e.getKey() > last) break;
                long[] r = ranges.remove(e.getKey());
                if (r[0] > last) ranges.put(last + 1, new long[] {r[0], r[1]});
            }
        }

        Long at(long index) {
            Map.Entry<Long, long[]> e = ranges.floorEntry(index);
            return e != null && e.getValue()[0] >= index ? e.getValue()[1] : null;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void walksAndFindsMatchTheOracle(long seed) {
        Kernel kernel = Kernel.builder().gracePeriods(GracePeriods.STRICT).quarantine(0).build();
        MapleTree tree = new MapleTree(kernel, 1);
        RangeOracle oracle = new RangeOracle();
        Random rnd = new Random(seed);
        Task t = kernel.rcu().current();
        t.mmapLockAcquired(); // the test thread is the writer
        long space = 4000;
        for (int op = 0; op < 3000; op++) {
            long first = rnd.nextLong(space);
            long last = first + rnd.nextLong(rnd.nextInt(10) == 0 ? 400 : 20);
            if (rnd.nextInt(4) == 0) {
                tree.store(first, last, null);
                oracle.erase(first, last);
            } else {
                long value = op + 1;
                tree.store(first, last, value);
                oracle.store(first, last, value);
            }
            tree.verify();
            for (int q = 0; q < 5; q++) {
                long index = rnd.nextLong(space + 50);
                MapleState mas = new MapleState(tree, index, index);
                Object got = mas.walk();
                assertThat(got).as("walk(%d) after op %d", index, op).isEqualTo(oracle.at(index));
                if (got != null) {
                    Map.Entry<Long, long[]> e = oracle.ranges.floorEntry(index);
                    assertThat(mas.index()).isEqualTo(e.getKey());
                    assertThat(mas.last()).isEqualTo(e.getValue()[0]);
                }
                MapleState fs = new MapleState(tree, index, index);
                Object found = fs.find(MapleTree.MAX);
                Map.Entry<Long, long[]> expect = oracle.ranges.floorEntry(index);
                if (expect == null || expect.getValue()[0] < index) expect = oracle.ranges.ceilingEntry(index);
                assertThat(found).as("find(%d) after op %d", index, op).isEqualTo(expect == null ? null : expect.getValue()[1]);
            }
        }
        // A full iteration visits every range in order.
        MapleState it = new MapleState(tree, 0, 0);
        var expected = oracle.ranges.entrySet().iterator();
        for (Object e = it.find(MapleTree.MAX); e != null; e = it.find(MapleTree.MAX)) {
            var want = expected.next();
            assertThat(e).isEqualTo(want.getValue()[1]);
            assertThat(it.index()).isEqualTo(want.getKey());
        }
        assertThat(expected.hasNext()).isFalse();
        assertThat(tree.height()).isGreaterThan(1);
        t.mmapLockReleased();
    }
}
