package dev.vmalab.replay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.replay.cli.ReplayMain;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A violation found in a --contention sweep cell prints a repro that carries the cell's target:
 * without it the repro replays the trace's own contention, where the sweep's writer churn that
 * made the interleaving does not run. The repro, run, finds the same violations.
 */
class SweepReproTest {
    private static final Path SAMPLE = Path.of("..", "traces", "samples", "xz-t2.csv.zst");

    @TempDir
    Path dir;

    private static List<CSVRecord> violations(Path out) throws IOException {
        try (Reader in = Files.newBufferedReader(out.resolve("violations.csv"))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    @Test
    void aSweepCellsReproCarriesItsContentionTargetAndReproduces() throws IOException {
        Path out = dir.resolve("swept");
        assertThat(ReplayMain.commandLine().execute("replay", SAMPLE.toString(), "--strategies", "no-reset", "--runs", "1",
                "--threads", "2", "--deterministic", "--in-process", "--limit", "12000", "--contention", "10%",
                "--no-hunt", "--no-paired", "--out", out.toString())).isZero();
        List<CSVRecord> found = violations(out);
        assertThat(found).as("no-reset resumes at a node the sweep's writer freed").isNotEmpty();
        String repro = found.getFirst().get("repro");
        assertThat(repro).contains(" --contention 10% ");
        assertThat(found).allMatch(r -> r.get("repro").equals(repro));

        List<String> args = new ArrayList<>(Arrays.asList(repro.split(" ")));
        assertThat(args.subList(0, 2)).containsExactly("./vmalab", "replay");
        args = new ArrayList<>(args.subList(1, args.size()));
        Path again = dir.resolve("again");
        args.addAll(List.of("--in-process", "--no-hunt", "--no-paired", "--out", again.toString()));
        assertThat(ReplayMain.commandLine().execute(args.toArray(String[]::new))).isZero();
        assertThat(violations(again).stream().map(r -> r.get("kind") + "@" + r.get("address")).toList())
                .isEqualTo(found.stream().map(r -> r.get("kind") + "@" + r.get("address")).toList());
    }
}
