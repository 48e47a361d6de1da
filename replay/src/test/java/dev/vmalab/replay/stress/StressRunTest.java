package dev.vmalab.replay.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.check.Violation;
import dev.vmalab.model.check.ViolationKind;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.strategy.StrategyRegistry;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StressRunTest {
    /** Writer iterations a seed gets to find the seed bug; the hunt itself reports how many it needed. */
    static final long BUDGET = 3_000;

    private static final StrategyRegistry REGISTRY = StrategyRegistry.standard();

    /** The RCU-section oracle flags the first retry that resumes the state from the earlier section. */
    @ParameterizedTest
    @MethodSource("seeds")
    void noResetIsCaughtOnEverySeed(long seed) {
        StressResult r = StressRun.run(new StressOptions("no-reset", seed, 2, 600, BUDGET), REGISTRY.get("no-reset"));
        assertThat(r.violation()).isPresent();
        assertThat(r.violation().get().kind()).isEqualTo(ViolationKind.STALE_RCU_SECTION);
        assertThat(r.violation().get().detail()).contains("dereferenced in section #");
        assertThat(r.repro()).isEqualTo("./vmalab stress --strategy no-reset --seed " + seed + " --threads 2 --iterations "
                + r.iterations());
    }

    /**
     * Lazy grace periods: the node read in the earlier section is usually not freed yet when the
     * retry resumes at it, so the KASAN-like checks see nothing; the oracle flags it all the same,
     * on the first retry walk: each fault thread has missed at most once when the hunt stops (the
     * scheduler switches in every retry window, so both threads may be between miss and walk).
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void noResetIsCaughtOnEverySeedWithLazyGracePeriods(long seed) {
        StressOptions o = new StressOptions("no-reset", seed, 2, 600, BUDGET, dev.vmalab.replay.config.BackendChoice.JAVA,
                GracePeriods.LAZY, List.of());
        StressResult r = StressRun.run(o, REGISTRY.get("no-reset"));
        assertThat(r.violation()).isPresent();
        assertThat(r.violation().get().kind()).isEqualTo(ViolationKind.STALE_RCU_SECTION);
        assertThat(r.counters().miss()).as("flagged on the first retry").isBetween(1L, (long) o.faultThreads());
        assertThat(r.repro()).endsWith(" --lazy-gp");
        StressResult again = StressRun.run(new StressOptions("no-reset", seed, 2, 600, r.iterations(),
                dev.vmalab.replay.config.BackendChoice.JAVA, GracePeriods.LAZY, List.of()), REGISTRY.get("no-reset"));
        assertThat(again.violation().orElseThrow().step()).isEqualTo(r.violation().get().step());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theReproCommandFindsTheSameViolation(long seed) {
        StressResult first = StressRun.run(new StressOptions("no-reset", seed, 2, 600, BUDGET), REGISTRY.get("no-reset"));
        assertThat(first.found()).isTrue();
        StressResult again = StressRun.run(new StressOptions("no-reset", seed, 2, 600, first.iterations()),
                REGISTRY.get("no-reset"));
        Violation a = first.violation().orElseThrow();
        Violation b = again.violation().orElseThrow();
        assertThat(List.of(b.kind(), b.address(), b.step(), b.thread(), b.node()))
                .isEqualTo(List.of(a.kind(), a.address(), a.step(), a.thread(), a.node()));
        assertThat(again.iterations()).isEqualTo(first.iterations());
    }

    /** Writer iterations each correct strategy must survive in the default build (60 s each with -Pheavy). */
    static final long CLEAN_BUDGET = 1_500;

    @ParameterizedTest
    @MethodSource("correctStrategies")
    void correctStrategiesFindNothing(String name) {
        boolean heavy = Boolean.getBoolean("vmalab.heavy");
        for (long seed = 1; seed <= (heavy ? 1 : 3); seed++) {
            StressOptions o = heavy ? new StressOptions(name, seed, 2, 60, Long.MAX_VALUE)
                    : new StressOptions(name, seed, 2, 600, CLEAN_BUDGET);
            StressResult r = StressRun.run(o, REGISTRY.get(name));
            System.out.printf("%s seed %d: %d iterations, %s, %.0f ms%n", name, seed, r.iterations(), r.counters(), r.wallMs());
            assertThat(r.violation()).as("%s seed %d", name, seed).isEmpty();
            if (REGISTRY.get(name).usesPerVmaLocks()) {
                assertThat(r.counters().miss()).as("the workload makes lookups retry").isPositive();
            }
        }
    }

    static Stream<String> correctStrategies() {
        return REGISTRY.all().stream().filter(s -> !s.knownIncorrect()).map(LookupStrategy::name);
    }

    static Stream<Long> seeds() {
        return Stream.iterate(1L, s -> s + 1).limit(20);
    }
}
