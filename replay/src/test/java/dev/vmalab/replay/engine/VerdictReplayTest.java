package dev.vmalab.replay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.replay.TestTraces;
import dev.vmalab.replay.cli.ReplayMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What replay adds for the verdict: the A/A control, timing.csv from rounds, the built-in hunt. */
class VerdictReplayTest {
    @TempDir
    Path dir;

    @Test
    void anInProcessReplayAddsTheAaControlTimingAndTheHunt() throws IOException {
        Path trace = TestTraces.churn(dir, 100, 3);
        Path out = dir.resolve("out");
        int exit = ReplayMain.commandLine().execute("replay", trace.toString(), "--strategies", "no-reset,mas-set",
                "--threads", "2", "--runs", "2", "--reps", "2", "--in-process", "--out", out.toString());
        assertThat(exit).isZero();
        List<CSVRecord> summary = CountersAddUpTest.read(out.resolve("summary.csv"));
        assertThat(summary).extracting(r -> r.get("strategy")).contains("mas-set#aa");
        List<CSVRecord> timing = CountersAddUpTest.read(out.resolve("timing.csv"));
        assertThat(timing).extracting(r -> r.get("strategy") + "/" + r.get("run"))
                .containsExactlyInAnyOrderElementsOf(summary.stream().map(r -> r.get("strategy") + "/" + r.get("run")).toList());
        assertThat(timing).allSatisfy(r -> assertThat(r.get("reps")).isEqualTo("2"));
        // every pass is in timing-passes.csv, with the workers' own CPU clock beside their wall time
        List<CSVRecord> passes = CountersAddUpTest.read(out.resolve("timing-passes.csv"));
        for (CSVRecord t : timing) {
            List<CSVRecord> mine = passes.stream().filter(p -> p.get("strategy").equals(t.get("strategy"))
                    && p.get("run").equals(t.get("run"))).toList();
            assertThat(mine).hasSize(Integer.parseInt(t.get("passes")));
            assertThat(mine.stream().filter(p -> p.get("disturbance").equals("none")).count())
                    .isEqualTo(Long.parseLong(t.get("kept_passes")));
            assertThat(mine).extracting(p -> p.get("rep")).contains("1", "2");
        }
        assertThat(passes).allSatisfy(p -> {
            assertThat(Double.parseDouble(p.get("worker_wall_ms"))).isPositive();
            assertThat(Double.parseDouble(p.get("worker_cpu_ms"))).isPositive();
        });
        List<CSVRecord> hunt = CountersAddUpTest.read(out.resolve("hunt.csv"));
        assertThat(hunt).extracting(r -> r.get("strategy")).containsExactlyInAnyOrder("no-reset", "mas-set");
        assertThat(hunt).allSatisfy(r -> assertThat(Long.parseLong(r.get("steps"))).isPositive());
        assertThat(out.resolve("hunt/summary.csv")).isRegularFile();
        String machine = Files.readString(out.resolve("machine.properties"));
        assertThat(machine).contains("known_incorrect=no-reset").contains("aa_control=mas-set\\#aa"); // properties escape #
    }

    @Test
    void noHuntAndNoAaLeaveThemOut() throws IOException {
        Path trace = TestTraces.churn(dir, 60, 4);
        Path out = dir.resolve("out");
        int exit = ReplayMain.commandLine().execute("replay", trace.toString(), "--strategies", "mas-set",
                "--threads", "1", "--runs", "1", "--reps", "1", "--no-hunt", "--no-aa", "--in-process", "--out", out.toString());
        assertThat(exit).isZero();
        assertThat(out.resolve("hunt.csv")).doesNotExist();
        assertThat(CountersAddUpTest.read(out.resolve("summary.csv"))).extracting(r -> r.get("strategy")).containsOnly("mas-set");
    }

    @Test
    void theAaControlRunsTheReferenceUnderAnotherNameAndResolvesByName() {
        StrategyRegistry registry = StrategyRegistry.standard();
        var aa = AaStrategy.resolve(registry, "mas-set#aa");
        assertThat(aa.name()).isEqualTo("mas-set#aa");
        assertThat(((AaStrategy) aa).reference()).isSameAs(registry.get("mas-set"));
        assertThat(AaStrategy.referenceOf(registry.select("no-reset,mas-reset")).name()).isEqualTo("mas-reset");
    }
}
