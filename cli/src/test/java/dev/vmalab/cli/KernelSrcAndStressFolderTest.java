package dev.vmalab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.reports.results.ResultFolder;
import dev.vmalab.reports.results.ResultFolderReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Through the whole ./vmalab: demo refuses a bad --kernel-src at once; stress's folder is one report can read. */
class KernelSrcAndStressFolderTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int vmalab(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void demoRefusesKernelSrcWithTheJavaBackendBeforeReplaying() {
        Path demo = tmp.resolve("demo");
        assertThat(vmalab("demo", "--kernel-src", tmp.toString(), "--out", demo.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--kernel-src needs --backend native or native-asan");
        assertThat(demo).doesNotExist();
    }

    @Test
    void demoRefusesADirectoryThatIsNoKernelTree() {
        Path demo = tmp.resolve("demo");
        assertThat(vmalab("demo", "--backend", "native", "--kernel-src", tmp.toString(), "--out", demo.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains(tmp + " is not a kernel source tree: missing Makefile, lib/maple_tree.c");
        assertThat(demo).doesNotExist();
    }

    @Test
    void theReportReaderAcceptsAStressFolderAndSeesItsViolations() {
        Path dir = tmp.resolve("stress");
        assertThat(vmalab("stress", "--strategy", "no-reset", "--seed", "4", "--iterations", "3000", "--out", dir.toString()))
                .isEqualTo(1);
        ResultFolder folder = ResultFolderReader.read(dir); // throws with file, line and reason on any breach
        assertThat(folder.strategies()).containsExactly("no-reset");
        assertThat(folder.violationsByStrategy().get("no-reset")).isPositive();
        assertThat(folder.violations()).isNotEmpty();
        assertThat(out.toString()).contains("reproduce: " + folder.violations().getFirst().repro());
    }
}
