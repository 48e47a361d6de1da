package dev.vmalab.replay.paired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.maple.WalkSemantics;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.replay.results.ResultCsv;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.ProcessStart;
import dev.vmalab.traces.event.ThreadStart;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.event.UnmapEvent;
import dev.vmalab.traces.stats.ExposureKind;
import dev.vmalab.traces.stats.StatsReport;
import dev.vmalab.traces.stats.TraceStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workload rows of exposure.csv on a small generated trace whose replay caught no -EAGAIN:
 * the trace's exposure by kind x P(-EAGAIN | exposure) <= 3/n x the matrix's row differences,
 * and the bound sentence taken from them.
 */
class WorkloadWeightingTest {
    private static final long BASE = 0x7f00_0000_0000L;
    private static final long PAGE = 4096;
    private static final List<String> STRATEGIES = List.of("mas-set", "mas-reset", "full-reinit", "iter-passed-down");

    @TempDir
    Path dir;

    /**
     * Thread 2 cycles munmap of the low page of a 4-page VMA and a re-map of it (as a new VMA); thread 1
     * faults in the upper part right after each munmap (exposed: munmap-below) and long after (not).
     */
    private static List<TraceEvent> trace(int rounds) {
        List<TraceEvent> e = new ArrayList<>(List.of(new ProcessStart(0, 1, 1, 1, ProcessStart.How.EXEC, "gen"),
                new ThreadStart(1, 1, 2, 1)));
        long t = 1_000_000;
        for (int i = 0; i < rounds; i++) {
            long v = BASE + i * 16 * PAGE;
            e.add(new MapEvent(t, 1, 2, v, 4 * PAGE, 1, 0x22, -1, 0, v));
            e.add(new FaultEvent(t + 1_000_000, 1, 1, v + 3 * PAGE, 0, FaultEvent.Access.READ, 4)); // not exposed
            e.add(new UnmapEvent(t + 2_000_000, 1, 2, v, PAGE, 0));
            e.add(new FaultEvent(t + 2_010_000, 1, 1, v + 3 * PAGE, 0, FaultEvent.Access.READ, 4)); // exposed
            t += 10_000_000;
        }
        return e;
    }

    private static List<String> summaryRow(String strategy, int run, long lookups, long misses) {
        Map<String, String> v = new HashMap<>(Map.of("trace", "gen", "strategy", strategy, "threads", "2",
                "run", Integer.toString(run), "lookups", Long.toString(lookups), "miss", Long.toString(misses),
                "contention_target", "0"));
        return ResultCsv.SUMMARY.stream().map(c -> v.getOrDefault(c, "0")).toList();
    }

    @Test
    void withoutACapturedRetryTheBoundIsTheRuleOfThreeTimesTheExposureTimesTheMatrix() throws IOException {
        StatsReport stats = TraceStats.of(trace(10).stream(), new TraceStats.Options(1000, TraceStats.DEFAULT_WINDOW_US));
        assertThat(stats.faults()).isEqualTo(20);
        assertThat(stats.exposed(ExposureKind.MUNMAP_BELOW)).isEqualTo(10);
        List<LookupStrategy> compared = StrategyRegistry.standard().select(String.join(",", STRATEGIES));
        List<List<String>> summary = new ArrayList<>();
        for (int run = 1; run <= 2; run++) for (String s : STRATEGIES) summary.add(summaryRow(s, run, 20, 0));
        Files.writeString(dir.resolve("machine.properties"), "");
        UnitCosts costs = new UnitCosts(2.0, 500.0, "test");
        PairedFiles.write(dir, compared, new PairedTables(), summary, WalkSemantics.RESUME_ACTIVE, costs,
                Map.of("gen", stats));

        // n = exposed faults the replay ran: 2 runs x 4 strategies x 20 lookups x (10/20 exposed) = 80
        double pUpper = 3.0 / 80;
        Map<String, CSVRecord> matrix = new HashMap<>();
        for (CSVRecord r : PairedReplayTest.read(dir.resolve("matrix.csv"))) {
            if (r.get("scenario").equals("munmap-below")) matrix.put(r.get("strategy"), r);
        }
        int resetAborts = matrix.get("mas-reset").get("outcome").startsWith("ABORT") ? 1 : 0;
        int setAborts = matrix.get("mas-set").get("outcome").startsWith("ABORT") ? 1 : 0;
        long nodes = Long.parseLong(matrix.get("mas-reset").get("nodes_read")) - Long.parseLong(matrix.get("mas-set").get("nodes_read"));
        assertThat(resetAborts - setAborts).as("munmap-below: mas-reset aborts where mas-set locks").isEqualTo(1);
        double exposurePerMillion = 1e6 * 10 / 20;
        double expectedNs = exposurePerMillion * pUpper * ((resetAborts - setAborts) * 500.0 + nodes * 2.0) / 1e6;

        CSVRecord all = null;
        CSVRecord kind = null;
        for (CSVRecord r : PairedReplayTest.read(dir.resolve("exposure.csv"))) {
            if (r.get("basis").equals(PairedFiles.CAPTURED)) { // nothing captured: its rows count no event
                assertThat(r.get("events")).isEqualTo("0");
                continue;
            }
            if (!r.get("strategy").equals("mas-reset")) {
                assertThat(Double.parseDouble(r.get("extra_ns_per_fault_upper"))).as(r.get("strategy")).isZero();
                continue;
            }
            if (r.get("kind").equals("all")) all = r;
            if (r.get("kind").equals("munmap-below")) kind = r;
        }
        assertThat(kind).isNotNull();
        assertThat(kind.get("matrix_row")).isEqualTo("munmap-below");
        assertThat(Double.parseDouble(kind.get("events_per_million_faults"))).isCloseTo(exposurePerMillion, within(1e-6));
        assertThat(Double.parseDouble(all.get("p_eagain"))).isZero();
        assertThat(Double.parseDouble(all.get("p_eagain_upper"))).isCloseTo(pUpper, within(1e-9));
        assertThat(Double.parseDouble(all.get("extra_ns_per_fault"))).as("point estimate: P = 0").isZero();
        assertThat(Double.parseDouble(all.get("extra_aborts_per_million_faults_upper")))
                .isCloseTo(exposurePerMillion * pUpper * (resetAborts - setAborts), within(1e-3));
        assertThat(Double.parseDouble(all.get("extra_nodes_per_million_faults_upper")))
                .isCloseTo(exposurePerMillion * pUpper * nodes, within(1e-3));
        assertThat(Double.parseDouble(all.get("extra_ns_per_fault_upper"))).isCloseTo(expectedNs, within(expectedNs * 1e-5));
        assertThat(Double.parseDouble(all.get("correct_spread_ns_per_fault"))).isCloseTo(expectedNs, within(expectedNs * 1e-5));
        String props = Files.readString(dir.resolve("machine.properties"));
        if (System.getenv("PEEK") != null) System.out.println(Files.readString(dir.resolve("exposure.csv")) + props);
        assertThat(props).contains("paired_bound=gen t2 at contention 0\\: on this workload the correct strategies differ by at most "
                + PairedFiles.up3(expectedNs) + " ns per fault").contains("rule of three");
    }

    @Test
    void capturedMissesSetTheEstimateAndItsPoissonBound() {
        assertThat(WorkloadWeighting.poissonUpper95(0)).isEqualTo(3.0);
        // chi-square(0.95, 2(k+1)) / 2 for k = 1, 2: 4.744, 6.296
        assertThat(WorkloadWeighting.poissonUpper95(1)).isCloseTo(4.744, within(1e-3));
        assertThat(WorkloadWeighting.poissonUpper95(2)).isCloseTo(6.296, within(1e-3));
        StatsReport stats = TraceStats.of(trace(10).stream(), new TraceStats.Options(1000, 100));
        List<LookupStrategy> compared = StrategyRegistry.standard().select("mas-set,mmap-lock-only");
        List<List<String>> summary = List.of(summaryRow("mas-set", 1, 20, 2), summaryRow("mmap-lock-only", 1, 20, 0));
        WorkloadWeighting.Estimate e = WorkloadWeighting.estimates(summary, Map.of("gen", stats), compared)
                .get(List.of("gen", "2"));
        assertThat(e.exposedTrials()).as("mmap-lock-only's lookups are no trials").isEqualTo(10);
        assertThat(e.p()).isEqualTo(0.2);
        assertThat(e.pUpper()).isCloseTo(0.6296, within(1e-4));
    }
}
