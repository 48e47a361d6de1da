package dev.vmalab.replay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.replay.TestTraces;
import dev.vmalab.replay.cli.ReplayMain;
import dev.vmalab.replay.results.ResultCsv;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The kernel counters' identities hold in every row, and retries.csv accounts for every lookup and every miss. */
class CountersAddUpTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"free", "deterministic"})
    void successPlusAbortIsLookupsAndEachMissIsARetry(String mode) throws IOException {
        Path churn = TestTraces.churn(dir, 200, 3);
        Path maps = TestTraces.generate(dir, "maps-readers", Map.of(), 4);
        Path out = dir.resolve("out");
        List<String> args = new java.util.ArrayList<>(List.of("replay", churn.toString(), maps.toString(),
                "--strategies", "all", "--threads", "1,2", "--runs", "1", "--amplify", "max", "--in-process", "--limit", "3000",
                "--no-hunt", "--out", out.toString()));
        if (mode.equals("deterministic")) args.add("--deterministic");
        assertThat(ReplayMain.commandLine().execute(args.toArray(String[]::new))).isZero();

        List<CSVRecord> summary = read(out.resolve("summary.csv"));
        assertThat(summary).hasSize(2 * (mode.equals("free") ? 7 : 6) * 2); // free: with the A/A control mas-set#aa
        Map<String, long[]> fromRetries = new HashMap<>(); // key -> {lookups, misses}
        for (CSVRecord r : read(out.resolve("retries.csv"))) {
            long[] acc = fromRetries.computeIfAbsent(key(r), k -> new long[2]);
            acc[0] += Long.parseLong(r.get("lookups"));
            acc[1] += Long.parseLong(r.get("retries")) * Long.parseLong(r.get("lookups"));
        }
        long misses = 0;
        for (CSVRecord r : summary) {
            long lookups = n(r, "lookups");
            assertThat(n(r, "success") + n(r, "abort")).as("success + abort, %s", key(r)).isEqualTo(lookups);
            assertThat(n(r, "fallback")).as("fallback, %s", key(r)).isEqualTo(n(r, "abort"));
            assertThat(fromRetries.get(key(r))).as("retries.csv of %s", key(r)).containsExactly(lookups, n(r, "miss"));
            assertThat(n(r, "retry_max")).isLessThanOrEqualTo(n(r, "miss"));
            misses += n(r, "miss");
        }
        // free-running, whether lookups retry depends on the machine's timing: only the seeded mode promises it
        if (mode.equals("deterministic")) assertThat(misses).as("the amplified churn makes lookups retry").isPositive();
    }

    private static String key(CSVRecord r) {
        return r.get("trace") + "/" + r.get("strategy") + "/" + r.get("threads") + "/" + r.get("run");
    }

    private static long n(CSVRecord r, String column) {
        return Long.parseLong(r.get(column));
    }

    static List<CSVRecord> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file); CSVParser p = CSVParser.parse(in, ResultCsv.READING)) {
            return p.getRecords();
        }
    }
}
