package dev.vmalab.nativebackend;

import dev.vmalab.nativebackend.build.BuildFlavour;
import dev.vmalab.nativebackend.build.KernelVariant;
import dev.vmalab.nativebackend.testing.AsanChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed bug under ASan, on the real kernel code, in a child JVM started with libasan
 * preloaded (this JVM has no ASan runtime). Runs {@link SeedScenario#main}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SeedUseAfterFreeTest {

    @Test
    void resumeActiveRetryWithoutResetIsAHeapUseAfterFreeInMtreeRangeWalk() throws Exception {
        String out = runSeed(KernelVariant.RESUME_ACTIVE, SeedScenario.Retry.NO_RESET);
        assertThat(out).contains("build=vmalab-maple 1 variant=resume-active flavour=asan", "first.status=ACTIVE");
        assertThat(out).contains("report.kind=heap-use-after-free");
        assertThat(out).containsPattern("report.stack=.*mtree_range_walk .*maple_tree.c:\\d+ <- .*mas_walk ");
        assertThat(out).contains("freed by thread", "mt_free_rcu", "previously allocated by thread");
    }

    @Test
    void resumeActiveRetryWithMasSetIsClean() throws Exception {
        String out = runSeed(KernelVariant.RESUME_ACTIVE, SeedScenario.Retry.MAS_SET);
        assertThat(out).contains("reports=0", "retry.entry=" + Long.toHexString(MapleEntry.of(4)), "retry.index=3800");
    }

    @Test
    void asShippedRetryWithoutResetIsMemorySafeButWalksTheStaleIndex() throws Exception {
        String out = runSeed(KernelVariant.AS_SHIPPED, SeedScenario.Retry.NO_RESET);
        assertThat(out).contains("reports=0", "retry.index=3000", "retry.last=37ff", "retry.entry=" + Long.toHexString(MapleEntry.of(2)));
    }

    private static String runSeed(KernelVariant variant, SeedScenario.Retry retry) throws IOException, InterruptedException {
        Path lib = NativeTestSupport.library(variant, BuildFlavour.ASAN).path();
        return AsanChildJvm.run(SeedScenario.class, lib.toString(), retry.name());
    }
}
