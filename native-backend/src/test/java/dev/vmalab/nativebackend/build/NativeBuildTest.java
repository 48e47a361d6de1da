package dev.vmalab.nativebackend.build;

import dev.vmalab.nativebackend.NativeTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real build, from Debian's linux-source-6.12 tarball (skipped when it is not installed). */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class NativeBuildTest {

    @Test
    void buildsEveryVariantAndFlavourIntoOneCacheDirectory() {
        for (KernelVariant v : KernelVariant.values()) {
            for (BuildFlavour f : BuildFlavour.values()) {
                NativeLibraryFile lib = NativeTestSupport.library(v, f);
                assertThat(lib.path()).isRegularFile();
                assertThat(lib.path().getFileName().toString()).isEqualTo("libvmalab_maple-" + v.id() + "-" + f.id() + ".so");
                assertThat(lib.kernelVersion()).startsWith("6.12.");
                assertThat(lib.path().getParent().getFileName().toString()).isEqualTo(lib.buildHash());
            }
        }
    }

    @Test
    void secondBuildComesFromTheCache() {
        NativeLibraryFile first = NativeTestSupport.library(KernelVariant.AS_SHIPPED, BuildFlavour.OPTIMISED);
        NativeLibraryFile again = NativeTestSupport.build().build(KernelVariant.AS_SHIPPED, BuildFlavour.OPTIMISED, false);
        assertThat(again.cached()).isTrue();
        assertThat(again.path()).isEqualTo(first.path());
    }

    @Test
    void theResumeActiveSourceDiffersFromTheShippedOneByTheStatusTestOnly() throws Exception {
        NativeLibraryFile lib = NativeTestSupport.library(KernelVariant.RESUME_ACTIVE, BuildFlavour.OPTIMISED);
        NativeTestSupport.library(KernelVariant.AS_SHIPPED, BuildFlavour.OPTIMISED);
        var shipped = Files.readAllLines(lib.path().resolveSibling("as-shipped/maple_tree.c"));
        var edited = Files.readAllLines(lib.path().resolveSibling("resume-active/maple_tree.c"));
        assertThat(edited).hasSameSizeAs(shipped);
        int differing = 0;
        for (int i = 0; i < shipped.size(); i++) {
            if (!shipped.get(i).equals(edited.get(i))) {
                differing++;
                assertThat(shipped.get(i).strip()).isEqualTo(KernelVariant.OLD_TEST);
                assertThat(edited.get(i).strip()).isEqualTo(KernelVariant.NEW_TEST);
            }
        }
        assertThat(differing).isEqualTo(1);
    }

    @Test
    void theBuildLogRecordsTheCompilerCommand() throws Exception {
        NativeLibraryFile lib = NativeTestSupport.library(KernelVariant.AS_SHIPPED, BuildFlavour.ASAN);
        String log = Files.readString(lib.path().resolveSibling("build-as-shipped-asan.log"));
        assertThat(log).contains("-fsanitize=address,undefined", "-fsanitize-recover=address", "-include", "-lurcu");
    }
}
