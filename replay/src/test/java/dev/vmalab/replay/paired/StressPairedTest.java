package dev.vmalab.replay.paired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.replay.cli.ReplayMain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deterministic stress hunt keeps its -EAGAINs too, each evaluated for every built-in strategy. */
class StressPairedTest {
    @TempDir
    Path dir;

    @Test
    void theHuntsRetriesArePaired() throws IOException {
        Path out = dir.resolve("stress");
        int exit = ReplayMain.commandLine().execute("stress", "--strategy", "mas-set", "--seed", "3", "--iterations",
                "3000", "--seconds", "60", "--out", out.toString());
        assertThat(exit).isZero();
        Map<String, Integer> perEvent = new HashMap<>();
        for (CSVRecord r : PairedReplayTest.read(out.resolve("paired.csv"))) perEvent.merge(r.get("event"), 1, Integer::sum);
        assertThat(perEvent).isNotEmpty();
        assertThat(perEvent.values()).containsOnly(StrategyRegistry.builtIn().size());
        long noResetViolations = PairedReplayTest.read(out.resolve("paired-summary.csv")).stream()
                .filter(r -> r.get("strategy").equals("no-reset")).mapToLong(r -> Long.parseLong(r.get("violations"))).sum();
        assertThat(noResetViolations).as("the stale-node retry is caught on the hunt's own events").isPositive();
    }
}
