package dev.vmalab.model.retry;

import static dev.vmalab.model.retry.RetryOutcome.ABORT_NULL;
import static dev.vmalab.model.retry.RetryOutcome.ABORT_RANGE;
import static dev.vmalab.model.retry.RetryOutcome.LOCKED;
import static dev.vmalab.model.retry.RetryOutcome.VIOLATION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.check.ViolationKind;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.maple.WalkSemantics;
import dev.vmalab.model.strategy.StrategyRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each built-in row of the retry matrix, derived from the kernel's code. Kernel lines are
 * Debian's 6.12 source (/usr/src/linux-source-6.12) unless they name 6.18:
 * <ul>
 * <li>mas_reset(): include/linux/maple_tree.h:579 sets status = ma_start and leaves index/last;
 * mas_set(): :769 sets index = last = address, then mas_reset().</li>
 * <li>mas_walk(): lib/maple_tree.c:4949 restarts from the root unless the state is active;
 * mas_start() (:1353) resets min/max, so a started state keeps nothing but its index.</li>
 * <li>lock_vma_under_rcu() (6.18 mm/mmap_lock.c; 6.12 mm/memory.c:6260): a NULL walk or a
 * NULL vma_start_read() goes to inval (VMA_LOCK_ABORT); the range check
 * "address < vma->vm_start || address >= vma->vm_end" (6.12 mm/memory.c:6290) aborts after
 * locking; -EAGAIN (detached) goes back to retry: after mas_set(&mas, address) in the fix.</li>
 * <li>munmap: vms_gather_munmap_vmas() splits the first VMA with new_below = 1 (mm/vma.c:1229)
 * and the last with new_below = 0 (mm/vma.c:1250): the original VMA object is always the
 * removed part, so the found VMA is detached and a new VMA holds what survives.</li>
 * <li>mprotect/madvise: vma_modify() splits with split_vma(start, 1) / split_vma(end, 0)
 * (mm/vma.c:1460, 1468): the original keeps the changed middle, in place, attached.</li>
 * </ul>
 */
class RetryMatrixTest {
    private static final List<LookupStrategy> BUILT_IN = StrategyRegistry.builtIn();

    private static Map<String, RetryResult> row(String scenario) {
        Scenario sc = Scenarios.all().stream().filter(s -> s.name().equals(scenario)).findFirst().orElseThrow();
        Map<String, RetryResult> out = new LinkedHashMap<>();
        for (RetryMatrix.Cell c : RetryMatrix.run(List.of(sc), BUILT_IN, WalkSemantics.RESUME_ACTIVE)) {
            out.put(c.strategy().name(), c.result());
        }
        return out;
    }

    private static Map<String, RetryOutcome> outcomes(String scenario) {
        return row(scenario).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().outcome()));
    }

    @Test
    void everyScenarioRunsEveryBuiltInStrategy() {
        List<RetryMatrix.Cell> cells = RetryMatrix.run(BUILT_IN);
        assertThat(cells).hasSize(Scenarios.all().size() * BUILT_IN.size());
        assertThat(Scenarios.all()).hasSizeGreaterThanOrEqualTo(13);
    }

    @Test
    void faultAboveAMunmappedLowerPartMasSetLocksTheSurvivorMasResetAborts() {
        Map<String, RetryResult> r = row("munmap-below");
        // mas_set(): the retry walks to the address, which the new VMA [7,12) maps
        assertThat(r.get("mas-set").outcome()).isEqualTo(LOCKED);
        assertThat(r.get("mas-set").staleIndex()).isFalse();
        // mas_reset() kept index = old vm_start (page 4), now a hole: mas_walk() returns NULL -> inval
        assertThat(r.get("mas-reset").outcome()).isEqualTo(ABORT_NULL);
        assertThat(r.get("mas-reset").staleIndex()).isTrue();
        assertThat(r.get("mas-reset").walksFromRoot()).isEqualTo(1);
        // 6.18-rc1: the active state resumes at the leaf read in the previous RCU section (the oracle),
        // which was freed after the grace period (the KASAN-like check)
        assertThat(r.get("no-reset").outcome()).isEqualTo(VIOLATION);
        assertThat(r.get("no-reset").violations())
                .containsExactly(ViolationKind.STALE_RCU_SECTION, ViolationKind.USE_AFTER_FREE);
        assertThat(r.get("no-reset").staleNode()).isTrue();
    }

    @Test
    void faultBelowAMunmappedUpperPartEveryCorrectStrategyLocks() {
        // the survivor [4,10) starts at the old vm_start: mas_reset()'s stale index still lands in it
        Map<String, RetryOutcome> o = outcomes("munmap-above");
        assertThat(o.get("mas-set")).isEqualTo(LOCKED);
        assertThat(o.get("mas-reset")).isEqualTo(LOCKED);
        assertThat(row("munmap-above").get("mas-reset").staleIndex()).isTrue();
    }

    @Test
    void theFaultPageUnmappedAbortsEveryone() {
        Map<String, RetryOutcome> o = outcomes("munmap-around");
        assertThat(o.get("mas-set")).isEqualTo(ABORT_NULL); // the walk to the address finds the hole
        assertThat(o.get("mas-reset")).isEqualTo(ABORT_RANGE); // old vm_start lands in [4,8): range check
    }

    @Test
    void mapFixedBelowTheFaultSeparatesMasReset() {
        Map<String, RetryOutcome> o = outcomes("map-fixed-below");
        assertThat(o.get("mas-set")).isEqualTo(LOCKED);
        assertThat(o.get("mas-reset")).isEqualTo(ABORT_RANGE); // old vm_start is in the new [4,7) mapping
    }

    @Test
    void mapFixedAboveTheFaultEveryCorrectStrategyLocksAfterARetry() {
        // __mmap_region() -> vms_gather_munmap_vmas(): split_vma(V, 10, new_below = 1) (6.18 mm/vma.c): the
        // original V is the removed [10,12) part, detached; the new [4,10) starts at the old vm_start
        Map<String, RetryResult> r = row("map-fixed-above");
        for (String s : List.of("mas-set", "mas-reset", "full-reinit", "iter-passed-down")) {
            assertThat(r.get(s).retried()).as(s).isTrue();
            assertThat(r.get(s).outcome()).as(s).isEqualTo(LOCKED);
        }
        assertThat(r.get("mas-reset").staleIndex()).isTrue(); // index = old vm_start, still in [4,10)
    }

    @Test
    void inPlaceChangesNeverReachTheRetry() {
        // vma_modify() keeps the original VMA for the changed middle (mm/vma.c:1460/1468); vma_expand() grows in place
        for (String sc : List.of("mprotect-split-low", "mprotect-split-high", "madvise-split", "mremap-grow")) {
            for (RetryResult r : row(sc).values()) assertThat(r.retried()).as(sc).isFalse();
        }
        assertThat(outcomes("mprotect-split-low").get("mas-set")).isEqualTo(LOCKED); // V shrank to [6,12) in place
        assertThat(outcomes("mprotect-split-high").get("mas-set")).isEqualTo(ABORT_RANGE); // V is [10,12) now
        assertThat(outcomes("madvise-split").get("mas-reset")).isEqualTo(ABORT_RANGE); // V is [8,10), fault at 5
        assertThat(outcomes("mremap-grow").get("mas-reset")).isEqualTo(LOCKED);
    }

    @Test
    void memoryReusedByAnotherMmIsUnstableNotEagain() {
        // vma_start_read(): vma->vm_mm != mm after taking the reference -> put it back, return NULL
        for (Map.Entry<String, RetryResult> e : row("reused-by-other-mm").entrySet()) {
            assertThat(e.getValue().outcome()).as(e.getKey()).isEqualTo(ABORT_NULL);
            assertThat(e.getValue().retried()).isFalse();
        }
    }

    @Test
    void noResetIsCaughtByTheOracleWhetherOrNotTheGracePeriodElapsed() {
        assertThat(row("node-freed").get("no-reset").violations())
                .containsExactly(ViolationKind.STALE_RCU_SECTION, ViolationKind.USE_AFTER_FREE);
        RetryResult lazy = row("node-not-freed").get("no-reset");
        // the old leaf is dead but not freed: mtree_range_walk() sees ma_dead_node() and restarts, so KASAN
        // would see nothing; the pointer is still from the previous RCU read section
        assertThat(lazy.violations()).containsExactly(ViolationKind.STALE_RCU_SECTION);
        assertThat(lazy.staleNode()).isTrue();
    }

    @Test
    void masSetFullReinitAndIterPassedDownHaveIdenticalRows() {
        // mas_start() resets min/max, so a fresh state and a mas_set() state walk alike; vma_iter_set() is mas_set()
        for (Scenario sc : Scenarios.all()) {
            Map<String, RetryResult> r = row(sc.name());
            assertThat(r.get("full-reinit")).as(sc.name()).isEqualTo(r.get("mas-set"));
            assertThat(r.get("iter-passed-down")).as(sc.name()).isEqualTo(r.get("mas-set"));
        }
    }

    @Test
    void masResetDiffersFromMasSetOnlyWhereTheOldStartIsNotTheFaultsVma() {
        List<String> differ = Scenarios.all().stream().map(Scenario::name)
                .filter(n -> outcomes(n).get("mas-reset") != outcomes(n).get("mas-set")).toList();
        assertThat(differ).containsExactlyInAnyOrder("munmap-below", "munmap-around", "map-fixed-below", "node-freed",
                "node-not-freed");
    }

    @Test
    void mmapLockOnlyAlwaysFallsBackWithoutWalking() {
        for (Scenario sc : Scenarios.all()) {
            RetryResult r = row(sc.name()).get("mmap-lock-only");
            assertThat(r.outcome()).isEqualTo(ABORT_NULL);
            assertThat(r.nodesRead()).isZero();
        }
    }

    @Test
    void on612WalkSemanticsNoResetIsMemorySafe() {
        LookupStrategy noReset = StrategyRegistry.standard().get("no-reset");
        for (RetryMatrix.Cell c : RetryMatrix.run(Scenarios.all(), List.of(noReset), WalkSemantics.ALWAYS_RESTART)) {
            assertThat(c.result().violation()).as(c.scenario().name()).isNull();
        }
    }

    @Test
    void theScenarioRunLeavesNoReferenceBehind() {
        // two runs of the same cell give the same result: nothing is carried over between private kernels
        LookupStrategy masSet = StrategyRegistry.standard().get("mas-set");
        Scenario sc = Scenarios.all().getFirst();
        assertThat(ScenarioRunner.run(masSet, sc, WalkSemantics.RESUME_ACTIVE))
                .isEqualTo(ScenarioRunner.run(masSet, sc, WalkSemantics.RESUME_ACTIVE));
    }
}
