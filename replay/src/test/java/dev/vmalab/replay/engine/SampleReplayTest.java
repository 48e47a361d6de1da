package dev.vmalab.replay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.replay.cli.ReplayMain;
import dev.vmalab.replay.results.ResultCsv;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each committed sample replays with every strategy and three runs, writes the result
 * folder, and under --amplify max (deterministic, so the outcome does not depend on the
 * machine) only no-reset has violations. Samples are cut to their first events to keep
 * the default build short; -Pheavy replays them whole.
 */
class SampleReplayTest {
    @TempDir
    Path dir;

    static Stream<Path> samples() throws IOException {
        Path samples = Path.of("..", "traces", "samples");
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(samples)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(samples, "*.csv*")) {
                ds.forEach(out::add);
            }
        }
        out.sort(null);
        Assumptions.assumeFalse(out.isEmpty(), "no committed samples in traces/samples");
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void replaysAndOnlyNoResetViolatesUnderMaxAmplification(Path sample) throws IOException {
        Path out = dir.resolve("out");
        String limit = Boolean.getBoolean("vmalab.heavy") ? "0" : "4000";
        int exit = ReplayMain.commandLine().execute("replay", sample.toString(), "--strategies", "all", "--runs", "3",
                "--threads", "2", "--amplify", "max", "--deterministic", "--in-process", "--limit", limit, "--no-hunt",
                "--out", out.toString());
        assertThat(exit).isZero();
        for (String f : List.of("summary.csv", "violations.csv", "retries.csv", "traces.csv", "machine.properties",
                "workers.csv")) {
            assertThat(out.resolve(f)).isRegularFile();
        }
        List<CSVRecord> summary = CountersAddUpTest.read(out.resolve("summary.csv"));
        assertThat(summary).hasSize(6 * 3);
        try (Stream<Path> h = Files.list(out.resolve("histograms"))) {
            assertThat(h.count()).isEqualTo(6 * 3);
        }
        Map<String, Long> violations = new TreeMap<>();
        for (CSVRecord r : summary) violations.merge(r.get("strategy"), Long.parseLong(r.get("violations")), Long::sum);
        assertThat(violations.get("no-reset")).as("no-reset on %s", sample.getFileName()).isPositive();
        violations.remove("no-reset");
        assertThat(violations.values()).as("the correct strategies on %s", sample.getFileName()).containsOnly(0L);
        List<CSVRecord> rows = CountersAddUpTest.read(out.resolve("violations.csv"));
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("strategy")).isEqualTo("no-reset");
            assertThat(r.get("repro")).startsWith("./vmalab replay ").contains("--deterministic", "--seed ");
        });
        assertThat(Files.readAllLines(out.resolve("summary.csv")).getFirst()).isEqualTo(String.join(",", ResultCsv.SUMMARY));
    }

    /**
     * No amplification (lazy grace periods, nothing delayed), deterministic: the RCU-section
     * oracle flags no-reset in every run in which it retried, and never mas-set. (The committed
     * samples give no retry at all this way, so the check that bites is the generated one below.)
     */
    @ParameterizedTest
    @MethodSource("samples")
    void anUnamplifiedReplayFlagsNoResetWheneverItRetried(Path sample) throws IOException {
        long retried = unamplifiedNoReset(sample, dir.resolve("plain"));
        System.out.printf("%s: no-reset retried in %d of 3 runs%n", sample.getFileName(), retried);
    }

    /** A generated vma-churn trace retries without amplification: every such run is flagged, KASAN-like checks or not. */
    @org.junit.jupiter.api.Test
    void anUnamplifiedReplayOfAChurnTraceFlagsEveryRunThatRetried() throws IOException {
        Path trace = dir.resolve("churn.csv.zst");
        picocli.CommandLine gen = new picocli.CommandLine(new dev.vmalab.traces.cli.GenerateCommand());
        assertThat(gen.execute("vma-churn", "-o", trace.toString(), "--seed", "1", "ops=500")).isZero();
        assertThat(unamplifiedNoReset(trace, dir.resolve("churn"))).as("runs with retries").isEqualTo(3);
    }

    /** Replays no-reset and mas-set unamplified; asserts flagged iff retried; returns the no-reset runs that retried. */
    private static long unamplifiedNoReset(Path trace, Path out) throws IOException {
        int exit = ReplayMain.commandLine().execute("replay", trace.toString(), "--strategies", "no-reset,mas-set",
                "--runs", "3", "--threads", "4", "--deterministic", "--in-process", "--limit", "4000", "--out", out.toString());
        assertThat(exit).isZero();
        long retried = 0;
        for (CSVRecord r : CountersAddUpTest.read(out.resolve("summary.csv"))) {
            long miss = Long.parseLong(r.get("miss"));
            long stale = Long.parseLong(r.get("stale_rcu_section"));
            if (r.get("strategy").equals("no-reset")) {
                if (miss > 0) retried++;
                assertThat(stale > 0).as("run %s: %d misses, %d stale-section uses", r.get("run"), miss, stale).isEqualTo(miss > 0);
            } else {
                assertThat(Long.parseLong(r.get("violations"))).isZero();
            }
        }
        return retried;
    }
}
