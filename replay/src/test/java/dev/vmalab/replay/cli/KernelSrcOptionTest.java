package dev.vmalab.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.replay.config.ReplaySettings;
import dev.vmalab.replay.stress.StressOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --kernel-src}: refused before any work with the java backend or a path that is no kernel
 * tree; otherwise carried to forked cells and into every repro command. Needs no native build.
 */
class KernelSrcOptionTest {
    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = ReplayMain.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test
    void replayRefusesItWithoutANativeBackendBeforeLookingAtTraces() throws IOException {
        Path src = FakeKernelTree.in(tmp.resolve("linux"));
        assertThat(run("replay", "no-such-trace.csv", "--kernel-src", src.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--kernel-src needs --backend native or native-asan")
                .doesNotContain("no such trace file");
    }

    @Test
    void replayRefusesItWithBackendJava() throws IOException {
        Path src = FakeKernelTree.in(tmp.resolve("linux"));
        assertThat(run("replay", "x.csv", "--backend", "java", "--kernel-src", src.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--kernel-src needs --backend native or native-asan");
    }

    @Test
    void replayRefusesAMissingPath() {
        Path nowhere = tmp.resolve("linux-6.18.tar.xz");
        assertThat(run("replay", "x.csv", "--backend", "native", "--kernel-src", nowhere.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--kernel-src: kernel source " + nowhere + " not found");
    }

    @Test
    void replayRefusesADirectoryThatIsNoKernelTreeNamingWhatIsMissing() throws IOException {
        Path src = FakeKernelTree.in(tmp.resolve("linux"));
        Files.delete(src.resolve("lib/maple_tree.c"));
        assertThat(run("replay", "x.csv", "--backend", "native-asan", "--kernel-src", src.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(src + " is not a kernel source tree: missing lib/maple_tree.c (");
    }

    @Test
    void stressRefusesItBeforeHuntingOrWriting() throws IOException {
        Path src = Files.writeString(tmp.resolve("README"), "no kernel here\n");
        Path out = tmp.resolve("out");
        assertThat(run("stress", "--strategy", "mas-set", "--backend", "native", "--kernel-src", src.toString(),
                "--out", out.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not a tar archive");
        assertThat(out).doesNotExist();
    }

    @Test
    void stressRefusesItWithoutANativeBackend() throws IOException {
        Path src = FakeKernelTree.in(tmp.resolve("linux"));
        assertThat(run("stress", "--strategy", "mas-set", "--kernel-src", src.toString(), "--out",
                tmp.resolve("out").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--kernel-src needs --backend native or native-asan");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void replayCarriesItToForkedCellsReproCommandsAndTheCommandLine() throws IOException {
        Path src = FakeKernelTree.in(tmp.resolve("linux"));
        ReplaySettings s = settings(new ReplayCommand(), "x.csv", "--backend", "native-asan", "--kernel-src", src.toString());
        List<String> kernel = List.of("--backend", "native-asan", "--kernel-src", src.toString());
        assertThat(s.args()).containsSequence(kernel);
        assertThat(s.repro(Path.of("x.csv"), "mas-set", 2, 7)).contains(" --backend native-asan --kernel-src " + src);
        assertThat(s.command(tmp.resolve("out"))).contains(" --backend native-asan --kernel-src " + src);

        // A forked cell parses the parent's args back to the same settings.
        List<String> cellArgs = new ArrayList<>(List.of("x.csv"));
        cellArgs.addAll(s.args());
        cellArgs.addAll(List.of("--cell-strategy", "mas-set", "--cell-run", "1", "--out", "o"));
        ReplaySettings cell = settings(new CellCommand(), cellArgs.toArray(String[]::new));
        assertThat(cell.amplification().backend()).isEqualTo(s.amplification().backend());
        assertThat(cell.amplification().backend().kernelSrc()).contains(src);
    }

    @Test
    void lenientIsCarriedToForkedCellsAndReproCommands() {
        ReplaySettings s = settings(new ReplayCommand(), "x.csv", "--lenient");
        assertThat(s.lenient()).isTrue();
        assertThat(s.args()).contains("--lenient");
        assertThat(s.repro(Path.of("x.csv"), "mas-set", 1, 1)).contains(" --lenient");
        List<String> cellArgs = new ArrayList<>(List.of("x.csv"));
        cellArgs.addAll(s.args());
        cellArgs.addAll(List.of("--cell-strategy", "mas-set", "--cell-run", "1", "--out", "o"));
        assertThat(settings(new CellCommand(), cellArgs.toArray(String[]::new)).lenient()).isTrue();
        assertThat(settings(new ReplayCommand(), "x.csv").args()).doesNotContain("--lenient");
    }

    @Test
    void withoutItNothingIsAddedToTheRepro() {
        ReplaySettings s = settings(new ReplayCommand(), "x.csv", "--backend", "native");
        assertThat(s.repro(Path.of("x.csv"), "mas-set", 1, 1)).contains("--backend native").doesNotContain("--kernel-src");
    }

    @Test
    void stressReproCarriesTheBackendAndTheKernelSource() throws IOException {
        Path src = FakeKernelTree.in(tmp.resolve("linux"));
        CommandLine cl = new CommandLine(new StressCommand());
        cl.parseArgs("--strategy", "mas-set", "--backend", "native", "--kernel-src", src.toString());
        StressCommand c = cl.getCommand();
        StressOptions o = new StressOptions("mas-set", 3, 2, 10, 100, c.backend.choice());
        assertThat(o.repro(42)).isEqualTo("./vmalab stress --strategy mas-set --seed 3 --threads 2 --iterations 42"
                + " --backend native --kernel-src " + src);
    }

    private static ReplaySettings settings(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.parseArgs(args);
        ReplayOptions options = command instanceof ReplayCommand r ? r.options : ((CellCommand) command).options;
        return options.settings(cl);
    }
}
