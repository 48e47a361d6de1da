package dev.vmalab.replay.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class CellTimingTest {
    private static CellResult withLatencies(long... ns) {
        Histogram h = new Histogram(3);
        for (long v : ns) h.recordValue(v);
        return new CellResult(new CellKey("t", "mas-set", 2, 1), 1, new LockCounters(ns.length, ns.length, 0, 0, 0, 0,
                new LockCounters.MapsSteps(0, 0, 0, 0), 0), h,
                0, new long[] {ns.length}, Map.of(), List.of(), "", 1, 0, List.of());
    }

    /** Wall 100 ms; gc and jit ms as given. */
    private static JvmActivity activity(long gcMs, long jitMs) {
        return new JvmActivity(100_000_000L, 90_000_000L, gcMs > 0 ? 1 : 0, gcMs, jitMs);
    }

    @Test
    void aPreemptedLookupIsLeftOutOfTheTimingMeanAndCounted() {
        CellTiming t = new CellTiming(new CellKey("t", "mas-set", 2, 1));
        t.add(List.of(withLatencies(100, 100, 100, 5_000_000)), activity(0, 0));
        assertThat(t.meanNs()).isCloseTo(100, org.assertj.core.data.Offset.offset(0.1));
        assertThat(t.sum(CellTiming.OUTLIERS)).isEqualTo(1);
    }

    @Test
    void disturbedRepetitionsAreDroppedAndTheRunIsDisturbedWhenMostAre() {
        CellTiming t = new CellTiming(new CellKey("t", "mas-set", 2, 1));
        t.add(List.of(withLatencies(100)), activity(0, 0));
        t.add(List.of(withLatencies(300)), activity(6, 0));   // GC 6% of wall: disturbed
        t.add(List.of(withLatencies(110)), activity(0, 5));   // JIT 5%: fine
        assertThat(t.kept()).isEqualTo(2);
        assertThat(t.disturbed()).isFalse();
        assertThat(t.meanNs()).isCloseTo(105, org.assertj.core.data.Offset.offset(0.5)); // median of 100 and 110
        t.add(List.of(withLatencies(400)), activity(0, 20));  // JIT 20%: disturbed
        t.add(List.of(withLatencies(400)), activity(0, 20));
        assertThat(t.disturbed()).isTrue(); // 2 of 5 kept
    }
}
