package dev.vmalab.replay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.replay.TestTraces;
import dev.vmalab.replay.cli.ReplayMain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default path: each (strategy, run) in a forked JVM, strategies alternating within each run. */
class IsolatedReplayTest {
    @TempDir
    Path dir;

    @Test
    void forkedCellsMergeIntoOneFolderInRunOrder() throws IOException {
        Path trace = TestTraces.churn(dir, 100, 2);
        Path out = dir.resolve("out");
        int exit = ReplayMain.commandLine().execute("replay", trace.toString(), "--strategies", "mas-set,no-reset",
                "--threads", "2", "--runs", "2", "--out", out.toString());
        assertThat(exit).isZero();
        List<CSVRecord> rows = CountersAddUpTest.read(out.resolve("summary.csv"));
        assertThat(rows).extracting(r -> r.get("strategy") + "/" + r.get("run"))
                .containsExactly("mas-set/1", "no-reset/1", "mas-set#aa/1", "mas-set/2", "no-reset/2", "mas-set#aa/2");
        // The forked cells' timing comes back too, one row per summary row; the A/A control resolves in the child.
        assertThat(CountersAddUpTest.read(out.resolve("timing.csv"))).hasSize(rows.size());
        assertThat(CountersAddUpTest.read(out.resolve("hunt.csv"))).extracting(r -> r.get("strategy"))
                .containsExactlyInAnyOrder("mas-set", "no-reset");
        assertThat(out.resolve(".cells")).doesNotExist();
        assertThat(out.resolve("histograms/vma-churn-2__no-reset__t2__r2.hlog")).isRegularFile();
    }
}
