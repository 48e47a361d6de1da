package dev.vmalab.nativebackend.calib;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Counting on a snippet of real tracefs output (Linux 6.18.44, vmalab_fault_timing, pid 18938; one foreign pid added). */
class MmapLockTraceCountsTest {
    private static String snippet() throws IOException {
        try (InputStream in = MmapLockTraceCountsTest.class.getResourceAsStream("/calib/mmap-lock-trace.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void eachFaultsTrylockAndFallbackAreCountedByTheFunctionOnItsStack() throws IOException {
        MmapLockTraceCounts.Counts c = MmapLockTraceCounts.count(snippet(), 18938);
        assertThat(c.phase("other")).isEqualTo(new MmapLockTraceCounts.Phase(3, 0, 0, 0));
        // Own writer: each trylock failed (VM_FAULT_RETRY); lock_mm_and_find_vma failed once, then took the lock.
        assertThat(c.phase("self")).isEqualTo(new MmapLockTraceCounts.Phase(3, 3, 3, 3));
        assertThat(c.trylockFailedByRound().get("other 1")).containsExactly(false, false, false);
        assertThat(c.trylockFailedByRound().get("self 1")).containsExactly(true, true, true);
    }

    @Test
    void anotherTasksRecordsAreNotCounted() throws IOException {
        MmapLockTraceCounts.Counts c = MmapLockTraceCounts.count(snippet(), 4242);
        assertThat(c.phases()).containsOnlyKeys("").containsEntry("", new MmapLockTraceCounts.Phase(0, 0, 1, 0));
        assertThat(c.trylockFailedByRound()).isEmpty();
    }
}
