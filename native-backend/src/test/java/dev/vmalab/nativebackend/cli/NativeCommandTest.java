package dev.vmalab.nativebackend.cli;

import dev.vmalab.nativebackend.NativeTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NativeCommandTest {

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new NativeCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void buildPrintsWhereTheLibraryIs() {
        Path cache = NativeTestSupport.build().cacheRoot();
        Run r = run("build", "--variant", "resume-active", "--flavour", "o2,asan", "--cache-dir", cache.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("resume-active +o2 +\\S+/libvmalab_maple-resume-active-o2\\.so +\\(kernel 6\\.12\\.\\d+");
        assertThat(r.out()).contains("libvmalab_maple-resume-active-asan.so", "VMALAB_PRELOAD=", "halt_on_error=0");
    }

    @Test
    void aMissingSourceNamesThePackage(@TempDir Path cache) {
        NativeTestSupport.build(); // needs gcc and liburcu to get as far as the source
        Run r = run("build", "--kernel-src", cache.resolve("linux-source-6.12.tar.xz").toString(), "--cache-dir", cache.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not found", "apt-get install linux-source-");
    }

    @Test
    void aDirectoryThatIsNoKernelTreeIsRefused(@TempDir Path dir) {
        NativeTestSupport.build();
        Run r = run("build", "--kernel-src", dir.toString(), "--cache-dir", dir.resolve("cache").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is not a kernel source tree");
    }
}
