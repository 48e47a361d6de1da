package dev.vmalab.reports.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmalab.reports.fixtures.FixtureFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFolderReaderTest {
    @TempDir
    Path dir;

    private Path fixture(int runs) {
        return FixtureFolder.sixStrategies(List.of(1, 4), runs, 2_000, 11).writeTo(dir);
    }

    @Test
    void aGeneratedFolderReadsBackOneSummaryRowAndOneHistogramPerRun() {
        ResultFolder f = ResultFolderReader.read(fixture(3));
        int runs = FixtureFolder.STRATEGIES.size() * 2 * 3;
        assertThat(f.summary()).hasSize(runs);
        assertThat(f.latencies()).hasSize(runs);
        assertThat(f.strategies()).containsExactlyElementsOf(FixtureFolder.STRATEGIES);
        assertThat(f.threadCounts()).containsExactly(1, 4);
        assertThat(f.machine()).containsKeys("command", "cpu_model", "date");
        assertThat(f.traces()).singleElement().extracting(TraceInfo::trace).isEqualTo("firefox-startup");
        for (LatencyLog log : f.latencies()) {
            SummaryRow row = f.summary().stream().filter(r -> r.key().equals(log.key())).findFirst().orElseThrow();
            assertThat(log.histogram().getTotalCount()).isEqualTo(row.lookups());
        }
    }

    @Test
    void retryCountsAddUpToTheLookupsOfTheirRun() {
        ResultFolder f = ResultFolderReader.read(fixture(2));
        for (SummaryRow row : f.summary()) {
            long counted = f.retries().stream().filter(c -> c.key().equals(row.key())).mapToLong(RetryCount::lookups).sum();
            long misses = f.retries().stream().filter(c -> c.key().equals(row.key()))
                    .mapToLong(c -> c.lookups() * c.retries()).sum();
            assertThat(counted).isEqualTo(row.lookups());
            assertThat(misses).isEqualTo(row.miss());
        }
    }

    @Test
    void aFolderWithoutSummaryIsRejectedNamingTheFile() {
        assertThatThrownBy(() -> ResultFolderReader.read(dir))
                .isInstanceOf(ResultFormatException.class).hasMessageContaining("summary.csv").hasMessageContaining("missing");
    }

    @Test
    void aBadNumberIsReportedWithFileLineAndColumn() throws IOException {
        fixture(1);
        Path summary = dir.resolve("summary.csv");
        List<String> lines = Files.readAllLines(summary);
        lines.set(3, lines.get(3).replaceFirst(",(\\d+),(\\d+),(\\d+),", ",$1,many,$3,")); // the lookups column
        Files.write(summary, lines);

        assertThatThrownBy(() -> ResultFolderReader.read(dir))
                .isInstanceOfSatisfying(ResultFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo(summary);
                    assertThat(e.line()).isEqualTo(4);
                })
                .hasMessageContaining("summary.csv:4").hasMessageContaining("'many'");
    }

    @Test
    void aMissingColumnIsReportedOnTheHeaderLine() throws IOException {
        fixture(1);
        Path retries = dir.resolve("retries.csv");
        List<String> lines = Files.readAllLines(retries);
        lines.set(0, lines.get(0).replace("retries", "tries"));
        Files.write(retries, lines);

        assertThatThrownBy(() -> ResultFolderReader.read(dir)).hasMessageContaining("retries.csv:1")
                .hasMessageContaining("'retries'");
    }

    @Test
    void anUnknownViolationKindIsAnError() throws IOException {
        fixture(1);
        Path violations = dir.resolve("violations.csv");
        String text = Files.readString(violations).replaceFirst("USE_AFTER_FREE", "DOUBLE_FREE");
        Files.writeString(violations, text);

        assertThatThrownBy(() -> ResultFolderReader.read(dir)).hasMessageContaining("violations.csv:2")
                .hasMessageContaining("DOUBLE_FREE");
    }

    @Test
    void countersThatDoNotAddUpAreRejected() throws IOException {
        Files.writeString(dir.resolve("summary.csv"), String.join(",", SummaryCsv.COLUMNS) + "\n"
                + "t,s,1,1,1,10,9,2,0,2,0,1,1,1,1,1,1,3,0,0,0,0,0,1,10\n");
        assertThatThrownBy(() -> ResultFolderReader.read(dir)).hasMessageContaining("summary.csv:2")
                .hasMessageContaining("success + abort");
    }

    @Test
    void vmaLockRetriesCountInTheLookupIdentity() throws IOException {
        fixture(1);
        Path summary = dir.resolve("summary.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(summary));
        int success = SummaryCsv.COLUMNS.indexOf("success");
        lines.set(0, lines.getFirst() + "," + SummaryCsv.RETRY);
        for (int i = 1; i < lines.size(); i++) { // one success becomes a VM_FAULT_RETRY
            String[] cells = lines.get(i).split(",");
            cells[success] = Long.toString(Long.parseLong(cells[success]) - 1);
            lines.set(i, String.join(",", cells) + ",1");
        }
        Files.write(summary, lines);
        assertThat(ResultFolderReader.read(dir).summary()).allSatisfy(r -> assertThat(r.retry()).isEqualTo(1));

        String header = String.join(",", SummaryCsv.COLUMNS) + "," + SummaryCsv.RETRY + "\n";

        Files.writeString(dir.resolve("summary.csv"), header
                + "t,s,1,1,1,10,8,2,0,2,0,1,1,1,1,1,1,3,0,0,0,0,0,1,10,1\n");
        assertThatThrownBy(() -> ResultFolderReader.read(dir)).hasMessageContaining("summary.csv:2")
                .hasMessageContaining("success + abort + retry (8 + 2 + 1) != lookups (10)");
    }

    @Test
    void aRunListedTwiceIsRejected() throws IOException {
        fixture(1);
        Path summary = dir.resolve("summary.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(summary));
        lines.add(lines.get(1));
        Files.write(summary, lines);
        assertThatThrownBy(() -> ResultFolderReader.read(dir)).hasMessageContaining("summary.csv:" + lines.size())
                .hasMessageContaining("a second row");
    }

    @Test
    void aCorruptHistogramLogIsReportedByName() throws IOException {
        fixture(1);
        Path hlog;
        try (var s = Files.list(dir.resolve("histograms"))) {
            hlog = s.sorted().findFirst().orElseThrow();
        }
        Files.writeString(hlog, "0.000,1.000,100,notbase64!!\n");
        assertThatThrownBy(() -> ResultFolderReader.read(dir)).hasMessageContaining(hlog.getFileName().toString());
    }
}
