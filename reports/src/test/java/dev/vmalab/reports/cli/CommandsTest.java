package dev.vmalab.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.reports.fixtures.FixtureFolder;
import dev.vmalab.reports.fixtures.StrategyProfile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandsTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new Root());
        ReportCommands.all().forEach(cl::addSubcommand);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @CommandLine.Command(name = "vmalab")
    static final class Root {}

    @Test
    void reportPrintsTheVerdictAndWritesThePage() {
        Path dir = FixtureFolder.sixStrategies(List.of(1, 4), 3, 1_500, 3).writeTo(tmp.resolve("run"));

        assertThat(run("report", dir.toString())).isZero();
        assertThat(out.toString()).contains("verdict: correctness not established").contains("incorrect, caught: no-reset");
        assertThat(dir.resolve("index.html")).exists();
    }

    @Test
    void aFolderWithoutSummaryFailsWithOneClearLine() {
        assertThat(run("report", tmp.toString())).isEqualTo(Failures.BAD_INPUT);
        assertThat(err.toString()).contains("summary.csv").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void compareFindsTheChangedStrategyAndLeavesTheUnchangedOneIndistinguishable() {
        StrategyProfile same = StrategyProfile.correct("mas-set", 180);
        Path a = new FixtureFolder(List.of(same, StrategyProfile.correct("iter-passed-down", 200)), List.of(1, 4), 5, 4_000, 1)
                .writeTo(tmp.resolve("kernel-a"));
        // B: iter-passed-down made much cheaper; mas-set the same profile under another seed.
        Path b = new FixtureFolder(List.of(same, StrategyProfile.correct("iter-passed-down", 120)), List.of(1, 4), 5, 4_000, 2)
                .writeTo(tmp.resolve("kernel-b"));

        assertThat(run("compare", a.toString(), b.toString())).isZero();

        Path page = b.resolve("compare-vs-kernel-a.html");
        assertThat(page).exists();
        assertThat(b.resolve("compare-vs-kernel-a.csv")).exists();
        assertThat(b.resolve("compare-vs-kernel-a.json")).exists();
        String text = out.toString();
        assertThat(lineFor(text, "iter-passed-down", "mean_ns")).endsWith("+");
        assertThat(lineFor(text, "mas-set", "mean_ns")).endsWith("=");
    }

    @Test
    void compareWritesWhereOutSays() {
        Path a = FixtureFolder.sixStrategies(List.of(2), 2, 1_000, 1).writeTo(tmp.resolve("a"));
        Path b = FixtureFolder.sixStrategies(List.of(2), 2, 1_000, 2).writeTo(tmp.resolve("b"));
        Path target = tmp.resolve("ab.html");
        assertThat(run("compare", a.toString(), b.toString(), "--out", target.toString())).isZero();
        assertThat(target).exists();
        assertThat(tmp.resolve("ab.csv")).exists();
    }

    /** The table line of a metric at the highest thread count; strategy names print once per block. */
    private static String lineFor(String text, String strategy, String metric) {
        String current = "";
        String found = null;
        for (String line : text.lines().toList()) {
            String first = line.split("\\s+")[0];
            if (!line.startsWith(" ") && !first.isEmpty()) current = first;
            if (current.equals(strategy) && line.contains(" " + metric + " ")) found = line.strip();
        }
        assertThat(found).as("line for %s %s in%n%s", strategy, metric, text).isNotNull();
        return found;
    }
}
