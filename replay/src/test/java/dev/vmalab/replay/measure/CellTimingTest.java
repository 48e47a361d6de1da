package dev.vmalab.replay.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.replay.measure.CellTiming.Disturbance;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CellTimingTest {
    private static CellResult withLatencies(long... ns) {
        Histogram h = new Histogram(3);
        for (long v : ns) h.recordValue(v);
        return new CellResult(new CellKey("t", "mas-set", 2, 1), 1, new LockCounters(ns.length, ns.length, 0, 0, 0, 0,
                new LockCounters.MapsSteps(0, 0, 0, 0), 0), h,
                0, new long[] {ns.length}, Map.of(), List.of(), "", 1, 0, List.of());
    }

    /** A 10 ms pass: gc collections, jit ms, and the workers' CPU over their wall time as given. */
    private static JvmActivity pass(long gcCount, long jitMs, double workerCpuShare) {
        long wall = 10_000_000L;
        return new JvmActivity(wall, wall, gcCount, gcCount * 2, jitMs, (long) (workerCpuShare * 2 * wall), 2 * wall);
    }

    private static JvmActivity quiet() {
        return pass(0, 0, 1.0);
    }

    @Test
    void aPreemptedLookupIsLeftOutOfTheTimingMeanAndCounted() {
        CellTiming t = new CellTiming(new CellKey("t", "mas-set", 2, 1));
        t.add(withLatencies(100, 100, 100, 5_000_000), quiet());
        t.endRep(quiet());
        assertThat(t.meanNs()).isCloseTo(100, Offset.offset(0.1));
        assertThat(t.sum(CellTiming.OUTLIERS)).isEqualTo(1);
    }

    @Test
    void aPassIsDisturbedByAGcByJitOverItsShareOrByWorkersKeptOffTheirCores() {
        assertThat(CellTiming.classify(quiet())).isEqualTo(Disturbance.NONE);
        assertThat(CellTiming.classify(pass(1, 0, 1.0))).isEqualTo(Disturbance.GC);
        assertThat(CellTiming.classify(pass(0, 1, 1.0))).isEqualTo(Disturbance.NONE);     // 1 ms of 10: 10%, not over
        assertThat(CellTiming.classify(pass(0, 2, 1.0))).isEqualTo(Disturbance.JIT);      // 20%
        assertThat(CellTiming.classify(pass(0, 0, 0.95))).isEqualTo(Disturbance.NONE);
        assertThat(CellTiming.classify(pass(0, 0, 0.5))).isEqualTo(Disturbance.PREEMPTED); // one of 2 workers off its core
        // no worker clock (a JVM without thread CPU time): the CPU rule cannot apply, the others still do
        assertThat(CellTiming.classify(new JvmActivity(10_000_000L, -1, 0, 0, 0))).isEqualTo(Disturbance.NONE);
    }

    @Test
    void theRunsFigureIsTheMedianOfItsUndisturbedPassesOverAllRepetitions() {
        CellTiming t = new CellTiming(new CellKey("t", "mas-set", 2, 1));
        t.add(withLatencies(100), quiet());
        t.add(withLatencies(300), pass(1, 0, 1.0));   // GC: out
        t.endRep(quiet());
        t.add(withLatencies(500), pass(0, 0, 0.4));   // preempted: out
        t.add(withLatencies(110), quiet());
        t.add(withLatencies(104), quiet());
        t.endRep(quiet());
        assertThat(t.meanNs()).isCloseTo(104, Offset.offset(0.5)); // median of 100, 110, 104, not of all five (110)
        assertThat(t.passes()).hasSize(5);
        assertThat(t.keptPasses()).isEqualTo(3);
        assertThat(t.discarded(Disturbance.GC)).isEqualTo(1);
        assertThat(t.discarded(Disturbance.PREEMPTED)).isEqualTo(1);
        assertThat(t.passes().get(2).rep()).isEqualTo(2);
        assertThat(t.kept()).isEqualTo(2);
        assertThat(t.disturbed()).isFalse();
    }

    @Test
    void aRunIsDisturbedWhenFewerThanHalfItsRepetitionsHaveAnUndisturbedPass() {
        CellTiming t = new CellTiming(new CellKey("t", "mas-set", 2, 1));
        t.add(withLatencies(100), quiet());
        t.endRep(quiet());
        for (int rep = 0; rep < 2; rep++) {
            t.add(withLatencies(400), pass(0, 0, 0.3));
            t.endRep(quiet());
        }
        assertThat(t.kept()).isEqualTo(1);
        assertThat(t.disturbed()).isTrue(); // 1 of 3
        assertThat(t.meanNs()).isCloseTo(100, Offset.offset(0.5)); // still the undisturbed pass
    }

    @Test
    void everyPassDisturbedFallsBackToTheMedianOfAll() {
        CellTiming t = new CellTiming(new CellKey("t", "mas-set", 2, 1));
        t.add(withLatencies(400), pass(0, 0, 0.3));
        t.add(withLatencies(200), pass(0, 0, 0.3));
        t.add(withLatencies(300), pass(0, 0, 0.3));
        t.endRep(quiet());
        assertThat(t.meanNs()).isCloseTo(300, Offset.offset(0.5));
        assertThat(t.disturbed()).isTrue();
    }

    @Test
    void theRepetitionsUndisturbedTimeCountsOnlyItsOwnKeptPasses() {
        CellTiming t = new CellTiming(new CellKey("t", "mas-set", 2, 1));
        t.add(withLatencies(100), quiet());
        t.add(withLatencies(100), pass(0, 0, 0.3));
        assertThat(t.keptMsInRep()).isCloseTo(10, Offset.offset(0.01));
        t.endRep(quiet());
        assertThat(t.keptMsInRep()).isZero();
        t.add(withLatencies(100), quiet());
        assertThat(t.keptMsInRep()).isCloseTo(10, Offset.offset(0.01));
    }
}
