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

/**
 * The kernel counters' identities hold in every row, retries.csv accounts for every lookup and every miss,
 * and maps-reader steps are counted apart from the fault lookups.
 */
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
            // VMA_LOCK_RETRY (the anon_vma trylock failed) ends a lookup too, and falls back like an abort
            assertThat(n(r, "success") + n(r, "abort") + n(r, "retry")).as("success + abort + retry, %s", key(r)).isEqualTo(lookups);
            assertThat(n(r, "fallback")).as("fallback, %s", key(r)).isEqualTo(n(r, "abort") + n(r, "retry"));
            assertThat(fromRetries.get(key(r))).as("retries.csv of %s", key(r)).containsExactly(lookups, n(r, "miss"));
            assertThat(n(r, "retry_max")).isLessThanOrEqualTo(n(r, "miss"));
            misses += n(r, "miss");
            // maps reads count apart: lock_next_vma() steps, never fault lookups (no vmstat event there)
            boolean mapsTrace = r.get("trace").startsWith("maps-readers");
            assertThat(n(r, "maps_steps") > 0).as("maps steps of %s", key(r)).isEqualTo(mapsTrace);
            assertThat(n(r, "maps_fallbacks")).isLessThanOrEqualTo(n(r, "maps_steps"));
            if (r.get("strategy").equals("mmap-lock-only")) {
                assertThat(n(r, "maps_fallbacks")).as("every baseline step takes mmap_lock").isEqualTo(n(r, "maps_steps"));
                assertThat(n(r, "maps_retries") + n(r, "maps_gap_rewalks")).isZero();
            }
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
