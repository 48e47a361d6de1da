package dev.vmalab.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.reports.fixtures.FixtureFolder;
import dev.vmalab.reports.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Timeout(120)
class ReportGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void aViolatingStrategyIsIncorrectAndWithoutAHuntNoCheapestIsNamed() throws IOException {
        FixtureFolder.sixStrategies(List.of(1, 2, 4), 4, 3_000, 42).writeTo(dir);

        Verdict v = ReportGenerator.render(dir);

        assertThat(v.incorrect()).containsExactly("no-reset");
        assertThat(v.cheapest()).isEmpty(); // the fixture has no hunt.csv: correctness not established
        assertThat(v.status()).isEqualTo(Verdict.Status.CORRECTNESS_NOT_ESTABLISHED);
        String html = Files.readString(dir.resolve("index.html"));
        assertThat(html).contains("<tr><td>no-reset</td><td><span class=\"tag bad\">INCORRECT");
        assertThat(html).contains("Correctness not established: no hunt ran.");
        assertThat(html).contains("./vmalab replay --trace firefox-startup --strategy no-reset");
    }

    @Test
    void everyImageAndDataLinkInThePageExists() throws IOException {
        FixtureFolder.sixStrategies(List.of(1, 4), 3, 2_000, 5).writeTo(dir);
        ReportGenerator.render(dir);

        String html = Files.readString(dir.resolve("index.html"));
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"#][^\"]*)\"").matcher(html);
        int links = 0;
        while (m.find()) {
            assertThat(dir.resolve(m.group(1))).as("linked from index.html").exists();
            links++;
        }
        assertThat(links).isGreaterThan(10);
        assertThat(html).doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void everyChartHasItsCsvAndJsonBesideIt() throws IOException {
        FixtureFolder.sixStrategies(List.of(1, 4), 3, 2_000, 6).writeTo(dir);
        ReportGenerator.render(dir);

        List<Path> pngs;
        try (Stream<Path> s = Files.list(dir.resolve(ReportGenerator.ASSET_DIR))) {
            pngs = s.filter(p -> p.toString().endsWith(".png")).toList();
        }
        assertThat(pngs).isNotEmpty();
        for (Path png : pngs) {
            String base = png.getFileName().toString().replace(".png", "");
            assertThat(png.resolveSibling(base + ".csv")).exists();
            assertThat(png.resolveSibling(base + ".json")).exists();
            byte[] head = Arrays8.firstBytes(png, 8);
            assertThat(head).startsWith(0x89, 'P', 'N', 'G');
        }
    }

    @Test
    void renderingLeavesNoTemporaryFiles() throws IOException {
        FixtureFolder.sixStrategies(List.of(2), 2, 1_000, 8).writeTo(dir);
        ReportGenerator.render(dir);
        ReportGenerator.render(dir); // re-rendering replaces files in place

        try (Stream<Path> s = Files.walk(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void theSameFolderRendersTheSameVerdictTwice() {
        FixtureFolder.sixStrategies(List.of(1, 4), 3, 2_000, 9).writeTo(dir);
        assertThat(ReportGenerator.render(dir)).isEqualTo(ReportGenerator.render(dir));
    }

    @Test
    void aSixByFourByFiveFolderRendersInSeconds() {
        FixtureFolder.sixStrategies(List.of(1, 2, 4, 8), 5, 20_000, 2025).writeTo(dir);
        long start = System.nanoTime();
        Verdict v = ReportGenerator.render(dir);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("rendered 6 strategies x 4 thread counts x 5 runs in %.2f s: %s%n", seconds, v.headline());
        String keep = System.getProperty("vmalab.fixture.out");
        if (keep != null) { // for scripts/check-report.sh and a look by eye
            copyTree(dir, Path.of(keep));
            ReportGenerator.render(Path.of(keep));
        }
        assertThat(seconds).as("sanity bound, not a benchmark").isLessThan(60);
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
