package dev.vmalab.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's workload weighting: the per-kind table from exposure.csv's workload rows and the bound sentence. */
class WorkloadSectionTest {
    private static final String HEADER = "trace,threads,contention_target,strategy,kind,events,faults,"
            + "events_per_million_faults,extra_aborts_per_million_faults,extra_nodes_per_million_faults,extra_ns_per_fault,"
            + "correct,correct_spread_ns_per_fault,basis,matrix_row,p_eagain,p_eagain_upper,"
            + "extra_aborts_per_million_faults_upper,extra_nodes_per_million_faults_upper,extra_ns_per_fault_upper\n";

    @TempDir
    Path dir;

    @Test
    void showsEachKindsExposureAndEachStrategysExpectedExtraWork() throws IOException {
        Files.writeString(dir.resolve("exposure.csv"), HEADER
                + "gen,2,0,mas-set,all,10,20,0,0,0,0,true,0,captured,,,,,,\n"
                + "gen,2,0,mas-set,all,10,20,500000,0,0,0,true,9.375,workload,,0,0.0375,0,0,0\n"
                + "gen,2,0,mas-reset,all,10,20,500000,0,0,0,true,9.375,workload,,0,0.0375,18750,0,9.375\n"
                + "gen,2,0,mas-set,munmap-below,10,20,500000,0,0,0,true,,workload,munmap-below,0,0.0375,0,0,0\n"
                + "gen,2,0,mas-reset,munmap-below,10,20,500000,0,0,0,true,,workload,munmap-below,0,0.0375,18750,0,9.375\n");
        String html = RetrySections.workload(dir, Map.of("paired_bound",
                "gen t2 at contention 0: on this workload the correct strategies differ by at most 9.38 ns per fault; "
                        + "gen t2 at contention 0.01: correct strategies differ by at most 2 ns per fault (paired on 9)"));
        assertThat(html).contains("<li>gen t2 at contention 0: on this workload").doesNotContain("contention 0.01");
        assertThat(html).contains("id=\"workload\"", "on this workload the correct strategies differ by at most 9.38 ns",
                "10 of 20 faults exposed", "at most 0.0375", "<td>munmap-below</td>", "+1.88e+04 / +0.00 (9.38 ns)");
        assertThat(html.split("<tr>").length - 1).as("header + all + munmap-below").isEqualTo(3);
    }

    @Test
    void saysSoWhenThereAreNoWorkloadRows() throws IOException {
        Files.writeString(dir.resolve("exposure.csv"), HEADER + "gen,2,0,mas-set,all,10,20,0,0,0,0,true,0,captured,,,,,,\n");
        assertThat(RetrySections.workload(dir, Map.of())).contains("No workload rows");
    }
}
