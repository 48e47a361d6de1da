package dev.vmalab.nativebackend.calib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.nativebackend.NativeTestSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fallbacks {@code vmalab calibrate} prices are seen by the kernel's own tracepoints, not
 * assumed: first touches while a thread of ours loops mprotect() trylock mmap_lock for their
 * anon_vma, fail, and are served by lock_mm_and_find_vma; with the writer in another process
 * none fails. Needs gcc, root and the mmap_lock tracepoints (skipped otherwise, with the reason).
 */
@Timeout(120)
class ProvokedFallbackTest {
    @Test
    void theOwnWritersFallbacksAreSeenByTheTracepointsAndTheOtherWritersAreNot() throws Exception {
        var why = MmapLockTracing.unavailable();
        Assumptions.assumeTrue(why.isEmpty(), () -> "mmap_lock tracing unavailable: " + why.orElse(""));
        String exe = new CalibrationPrograms(NativeTestSupport.build()).faultTiming().toString();
        int vmas = 512, rounds = 2;
        Calibrator.Traced t = Calibrator.traced(exe, 1024, vmas, rounds);
        MmapLockTraceCounts.Phase own = t.counts().phase("self");
        MmapLockTraceCounts.Phase other = t.counts().phase("other");
        assertThat(own.anonTrylocks()).as("every first touch trylocks for its anon_vma").isGreaterThanOrEqualTo(vmas * rounds - 2L);
        assertThat(own.anonTrylockFailed()).as("the own writer makes trylocks fail").isPositive();
        assertThat(own.fallbacks()).as("each failed trylock is a fault redone under lock_mm_and_find_vma")
                .isGreaterThanOrEqualTo(own.anonTrylockFailed());
        assertThat(other.anonTrylocks()).isGreaterThanOrEqualTo(vmas * rounds - 2L);
        assertThat(other.anonTrylockFailed()).as("a writer in another mm takes another mmap_lock").isZero();
        assertThat(t.run().eachFault()).containsKeys("self 0", "self 1", "other 0", "other 1");
        assertThat(t.run().eachFault().get("self 1")).hasSize(vmas);
    }
}
