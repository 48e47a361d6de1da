package dev.vmalab.replay.paired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vmalab.model.retry.Scenarios;
import dev.vmalab.replay.cli.ReplayMain;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deterministic replay of a bundled sample with the contention sweep (seeded, bounded by
 * --limit): each target -EAGAIN rate is reached within a factor of 2, every -EAGAIN is
 * evaluated for every strategy, and paired accounting changes nothing the run measures.
 */
class PairedReplayTest {
    private static final Path SAMPLE = Path.of("..", "traces", "samples", "xz-t2.csv.zst");
    private static final List<String> TARGETS = List.of("1%", "10%");

    @TempDir
    static Path dir;

    private static Path swept;

    private static Path replay(String name, String... more) {
        Path out = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("replay", SAMPLE.toString(), "--strategies",
                "mas-set,mas-reset,full-reinit,iter-passed-down", "--runs", "1", "--threads", "2", "--deterministic", "--in-process",
                "--limit", "12000", "--out", out.toString()));
        args.addAll(List.of(more));
        assertThat(ReplayMain.commandLine().execute(args.toArray(String[]::new))).isZero();
        return out;
    }

    @BeforeAll
    static void sweep() {
        swept = replay("swept", "--contention", String.join(",", TARGETS));
    }

    static List<CSVRecord> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    @Test
    void eachTargetIsReachedWithinAFactorOfTwo() throws IOException {
        List<CSVRecord> summary = read(swept.resolve("summary.csv"));
        assertThat(summary).hasSize(4 * TARGETS.size());
        for (CSVRecord r : summary) {
            double target = Double.parseDouble(r.get("contention_target"));
            double reached = Double.parseDouble(r.get("miss")) / Double.parseDouble(r.get("lookups"));
            assertThat(reached).as("%s at target %s", r.get("strategy"), target).isBetween(target / 2, target * 2);
        }
    }

    @Test
    void everyEventHasOneRowPerStrategyAndTheSummaryAddsUp() throws IOException {
        List<CSVRecord> paired = read(swept.resolve("paired.csv"));
        Map<String, Integer> perEvent = new HashMap<>();
        Map<String, Long> aborts = new HashMap<>();
        for (CSVRecord r : paired) {
            perEvent.merge(r.get("contention_target") + "/" + r.get("event"), 1, Integer::sum);
            long a = r.get("outcome").startsWith("ABORT") ? 1 : 0;
            aborts.merge(r.get("contention_target") + "/" + r.get("strategy"), a, Long::sum);
        }
        assertThat(perEvent).isNotEmpty();
        assertThat(perEvent.values()).containsOnly(4);
        for (CSVRecord s : read(swept.resolve("paired-summary.csv"))) {
            String t = s.get("contention_target");
            long extra = aborts.get(t + "/" + s.get("strategy")) - aborts.get(t + "/mas-set");
            assertThat(Long.parseLong(s.get("extra_aborts"))).isEqualTo(extra);
            if (!s.get("strategy").equals("mas-reset")) assertThat(s.get("extra_aborts")).isEqualTo("0");
        }
        String props = Files.readString(swept.resolve("machine.properties"));
        assertThat(props).contains("paired_reference=mas-set");
        // deterministic: every event's layout is read exactly, and every correct strategy's found range is a VMA's
        assertThat(props).contains("paired_unreadable_events=0");
        assertThat(perEvent.keySet()).anyMatch(e -> e.contains("iter-passed-down-"));
        assertThat(read(swept.resolve("matrix.csv"))).hasSize(Scenarios.all().size() * 4);
    }

    @Test
    void theSweepsMapFixedBelowMakesMasResetAbortWhereMasSetLocks() throws IOException {
        long resetAborts = 0;
        for (CSVRecord s : read(swept.resolve("paired-summary.csv"))) {
            if (s.get("strategy").equals("mas-reset")) resetAborts += Long.parseLong(s.get("extra_aborts"));
        }
        assertThat(resetAborts).isPositive();
        for (CSVRecord e : read(swept.resolve("exposure.csv"))) {
            if (e.get("kind").equals("all") && e.get("strategy").equals("mas-set")) {
                assertThat(Double.parseDouble(e.get("extra_ns_per_fault"))).isCloseTo(0, within(1e-9));
            }
        }
    }

    /**
     * The one classification is the matrix's: each captured event, named by its exposure kind, does for every
     * strategy what that kind's matrix row does (the outcome), which is what lets the workload weighting use
     * the rows for events the replay did not capture.
     */
    @Test
    void eachCapturedEventDoesWhatItsKindsMatrixRowDoes() throws IOException {
        Map<String, String> matrix = new HashMap<>();
        for (CSVRecord m : read(swept.resolve("matrix.csv"))) matrix.put(m.get("scenario") + "/" + m.get("strategy"), m.get("outcome"));
        Map<String, Long> checked = new HashMap<>();
        for (CSVRecord r : read(swept.resolve("paired.csv"))) {
            dev.vmalab.traces.stats.ExposureKind k = dev.vmalab.traces.stats.ExposureKind.ofLabel(r.get("scenario"));
            assertThat(k).as(r.get("scenario")).isNotNull();
            if (k.row() == null) continue;
            assertThat(r.get("outcome")).as("%s %s %s", r.get("event"), r.get("scenario"), r.get("strategy"))
                    .isEqualTo(matrix.get(k.row() + "/" + r.get("strategy")));
            checked.merge(k.row(), 1L, Long::sum);
        }
        assertThat(checked).containsKeys("map-fixed-below", "merge-neighbour");
    }

    @Test
    void pairedAccountingChangesNothingTheRunMeasures() throws IOException {
        Path plain = replay("plain", "--contention", "10%", "--no-paired");
        Map<String, String> without = counters(plain);
        Map<String, String> with = new HashMap<>();
        for (CSVRecord r : read(swept.resolve("summary.csv"))) {
            if (r.get("contention_target").equals("0.1")) with.put(r.get("strategy"), line(r));
        }
        assertThat(with).isEqualTo(without);
        assertThat(plain.resolve("paired.csv")).doesNotExist();
    }

    private static Map<String, String> counters(Path out) throws IOException {
        Map<String, String> m = new HashMap<>();
        for (CSVRecord r : read(out.resolve("summary.csv"))) m.put(r.get("strategy"), line(r));
        return m;
    }

    private static String line(CSVRecord r) {
        return String.join(",", r.get("lookups"), r.get("success"), r.get("abort"), r.get("miss"), r.get("fallback"),
                r.get("nodes_per_lookup"), r.get("violations"));
    }
}
