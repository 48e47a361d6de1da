package dev.vmalab.nativebackend.tree;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.nativebackend.NativeTestSupport;
import dev.vmalab.nativebackend.build.BuildFlavour;
import dev.vmalab.nativebackend.build.KernelVariant;
import dev.vmalab.nativebackend.testing.AsanChildJvm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.vmalab.model.testing.Maps.PAGE;
import static dev.vmalab.nativebackend.tree.SeedInterleaving.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's interleaving through the lab on the kernel's own maple tree under ASan (one child
 * JVM per variant runs every built-in strategy; see {@link SeedInterleaving}).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SeedInterleavingTest {
    private static String resumeActive;
    private static String asShipped;

    @BeforeAll
    static void runChildren() throws Exception {
        String cache = NativeTestSupport.build().cacheRoot().toString();
        for (KernelVariant v : KernelVariant.values()) NativeTestSupport.library(v, BuildFlavour.ASAN); // build here, not in the child
        resumeActive = AsanChildJvm.run(SeedInterleaving.class, cache, NativeBackends.NATIVE_ASAN, "resume-active");
        asShipped = AsanChildJvm.run(SeedInterleaving.class, cache, NativeBackends.NATIVE_ASAN, "as-shipped");
    }

    @Test
    void resumeActiveNoResetIsOneAsanUseAfterFreeViolationPerBadWalk() {
        assertThat(resumeActive).contains("backend=native-asan/resume-active", "asan=true", "done");
        for (String sc : List.of("map_fixed", "split")) {
            String p = "no-reset." + sc;
            // ASan's report of the read, then the RCU-section oracle's (the retry resumed a state from the earlier section)
            assertThat(resumeActive).as(resumeActive).contains(p + ".violations=2", p + ".stats=lookups=1 success=0 abort=1 miss=1");
            assertThat(line(resumeActive, p + ".violation=STALE_RCU_SECTION "))
                    .startsWith("by reader (strategy no-reset)")
                    .contains("read in RCU read section #1 of reader, dereferenced in section #2");
            assertThat(line(resumeActive, p + ".violation="))
                    .startsWith("USE_AFTER_FREE by reader (strategy no-reset)")
                    .contains("ASan heap-use-after-free (READ of size", "mtree_range_walk maple_tree.c:", "mas_walk maple_tree.c:")
                    .contains("freed by: ", "mt_free_rcu maple_tree.c:", "allocated by: ", "mas_alloc_nodes");
        }
        assertThat(resumeActive).contains("at 0x" + Long.toHexString(BASE + SeedInterleaving.Scenario.MAP_FIXED.faultOffset) + ":");
    }

    @Test
    void resumeActiveCorrectStrategiesRunClean() {
        for (LookupStrategy s : StrategyRegistry.builtIn()) {
            if (s.knownIncorrect()) continue;
            for (String sc : List.of("map_fixed", "split")) {
                String p = s.name() + "." + sc;
                assertThat(resumeActive).as(resumeActive).contains(p + ".violations=0");
                boolean staleIndexAborts = s.name().equals("mas-reset") && sc.equals("split");
                if (s.usesPerVmaLocks() && !staleIndexAborts) assertThat(resumeActive).contains(p + ".stats=lookups=1 success=1 abort=0 miss=1");
            }
        }
        // mas_reset() keeps the stale index: after the split the retry finds N1, which does not hold the address.
        assertThat(resumeActive).contains("mas-reset.split.stats=lookups=1 success=0 abort=1 miss=1");
        assertThat(resumeActive).contains("mas-set.split.fault=PER_VMA");
    }

    @Test
    void asShippedNoResetIsMemorySafeButWalksTheStaleIndex() {
        assertThat(asShipped).contains("backend=native-asan/as-shipped", "asan=true", "done");
        assertThat(asShipped).contains("as-shipped (Debian 6.12) mas_walk() restarts every walk from the root",
                "memory-safe here but walks the stale index");
        assertThat(asShipped).doesNotContain("AddressSanitizer");
        for (LookupStrategy s : StrategyRegistry.builtIn()) {
            assertThat(asShipped).contains(s.name() + ".map_fixed.violations=0", s.name() + ".split.violations=0");
        }
        // MAP_FIXED: the retry walks to V's old start (page 6), not to the address (page 7); N covers both.
        assertThat(asShipped).contains("no-reset.map_fixed.walk=" + hex(7 * PAGE + 8) + " found " + hex(6 * PAGE) + "-" + hex(10 * PAGE - 1));
        assertThat(asShipped).contains("no-reset.map_fixed.walk=" + hex(6 * PAGE) + " found " + hex(5 * PAGE) + "-" + hex(11 * PAGE - 1));
        assertThat(asShipped).contains("no-reset.map_fixed.fault=PER_VMA");
        // SPLIT: at the stale index the retry finds N1 [6,8), not N2 holding page 9: a counted abort, then the slow path.
        assertThat(asShipped).contains("no-reset.split.walk=" + hex(6 * PAGE) + " found " + hex(6 * PAGE) + "-" + hex(8 * PAGE - 1));
        assertThat(asShipped).contains("no-reset.split.stats=lookups=1 success=0 abort=1 miss=1", "no-reset.split.fault=FALLBACK");
        assertThat(asShipped).contains("mas-set.split.walk=" + hex(9 * PAGE) + " found " + hex(8 * PAGE) + "-" + hex(10 * PAGE - 1));
    }

    private static String hex(long offset) {
        return Long.toHexString(BASE + offset);
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst().orElseThrow(() -> new AssertionError("no " + prefix + " in\n" + out));
    }
}
