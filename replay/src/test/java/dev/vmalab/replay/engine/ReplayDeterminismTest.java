package dev.vmalab.replay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.replay.TestTraces;
import dev.vmalab.replay.cli.ReplayMain;
import dev.vmalab.replay.results.ResultCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayDeterminismTest {
    @TempDir
    Path dir;

    @Test
    void sameSeedSameCounters() throws IOException {
        Path trace = TestTraces.churn(dir, 300, 5);
        List<String> first = counterColumns(replay(trace, dir.resolve("a")));
        List<String> second = counterColumns(replay(trace, dir.resolve("b")));
        assertThat(first).hasSize(2 * 2); // 2 strategies x 2 thread counts
        assertThat(second).isEqualTo(first);
    }

    @Test
    void cellsRunSideBySideGiveWhatTheyGiveOneAtATime() throws IOException {
        // In-process, a deterministic replay runs strategies' cells side by side (the built-in hunt does);
        // forked, one JVM per strategy, one at a time. Counters, violations and paired rows must not differ.
        Path trace = TestTraces.churn(dir, 300, 5);
        Path together = dir.resolve("in-process"), apart = dir.resolve("forked");
        replay(trace, together, "--strategies", "no-reset,mas-set,mas-reset", "--in-process");
        replay(trace, apart, "--strategies", "no-reset,mas-set,mas-reset");
        assertThat(counterColumns(together.resolve("summary.csv"))).hasSize(3 * 2)
                .isEqualTo(counterColumns(apart.resolve("summary.csv")));
        assertThat(Files.readString(together.resolve("paired.csv"))).isEqualTo(Files.readString(apart.resolve("paired.csv")));
        assertThat(Files.readAllLines(together.resolve("violations.csv")).size())
                .isEqualTo(Files.readAllLines(apart.resolve("violations.csv")).size()).isGreaterThan(1);
    }

    private static Path replay(Path trace, Path out) {
        return replay(trace, out, "--strategies", "no-reset,mas-set", "--in-process");
    }

    private static Path replay(Path trace, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("replay", trace.toString(), "--threads", "1,3",
                "--runs", "1", "--seed", "11", "--deterministic", "--amplify", "max", "--no-hunt",
                "--out", out.toString()));
        args.addAll(List.of(more));
        int exit = ReplayMain.commandLine().execute(args.toArray(String[]::new));
        assertThat(exit).isZero();
        return out.resolve("summary.csv");
    }

    /** Every summary.csv column that counts (not times). */
    static List<String> counterColumns(Path summary) throws IOException {
        List<String> lines = Files.readAllLines(summary);
        assertThat(lines.getFirst()).isEqualTo(String.join(",", ResultCsv.SUMMARY));
        List<String> keep = List.of("trace", "strategy", "threads", "run", "seed", "lookups", "success", "abort",
                "miss", "fallback", "retry_max", "nodes_per_lookup", "use_after_free", "stale_node", "rcu_not_held",
                "wrong_vma", "stale_rcu_section", "violations");
        return lines.stream().skip(1).map(l -> {
            String[] cells = l.split(",");
            StringBuilder sb = new StringBuilder();
            for (String c : keep) sb.append(cells[ResultCsv.SUMMARY.indexOf(c)]).append(',');
            return sb.toString();
        }).toList();
    }
}
