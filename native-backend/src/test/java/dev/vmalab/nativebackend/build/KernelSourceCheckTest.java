package dev.vmalab.nativebackend.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KernelSource#check()} refuses a wrong --kernel-src without unpacking or building anything; a tree given again is reused. */
class KernelSourceCheckTest {

    /** A directory with every {@link KernelSource#NEEDED} entry, empty: enough for the check, not for a build. */
    static Path fakeKernelTree(Path dir) throws IOException {
        for (String entry : KernelSource.NEEDED) {
            Path p = dir.resolve(entry.replace("*", "x86"));
            String last = p.getFileName().toString();
            if (last.contains(".") || last.equals("Makefile")) {
                Files.createDirectories(p.getParent());
                Files.writeString(p, "");
            } else {
                Files.createDirectories(p);
            }
        }
        return dir;
    }

    @Test
    void aTreeWithEveryNeededEntryPasses(@TempDir Path dir) throws IOException {
        assertThatCode(() -> KernelSource.of(fakeKernelTree(dir)).check()).doesNotThrowAnyException();
    }

    @Test
    void aTreeMissingEntriesNamesExactlyThose(@TempDir Path dir) throws IOException {
        fakeKernelTree(dir);
        Files.delete(dir.resolve("lib/maple_tree.c"));
        Files.delete(dir.resolve("tools/arch/x86/include"));
        assertThatThrownBy(() -> KernelSource.of(dir).check())
                .isInstanceOf(NativeBuildException.class)
                .hasMessageContaining(dir + " is not a kernel source tree: missing lib/maple_tree.c, tools/arch/*/include (");
    }

    @Test
    void anEmptyDirectoryIsNoKernelTree(@TempDir Path dir) {
        assertThatThrownBy(() -> KernelSource.of(dir).check())
                .hasMessageContaining("is not a kernel source tree: missing Makefile, lib/maple_tree.c");
    }

    @Test
    void aMissingPathIsNotFound(@TempDir Path dir) {
        Path nowhere = dir.resolve("linux-6.18.tar.xz");
        assertThatThrownBy(() -> KernelSource.of(nowhere).check())
                .isInstanceOf(NativeBuildException.class)
                .hasMessageContaining("kernel source " + nowhere + " not found");
    }

    @Test
    void aFileThatIsNoTarArchiveIsRefused(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a kernel\n");
        assertThatThrownBy(() -> KernelSource.of(text).check())
                .isInstanceOf(NativeBuildException.class)
                .hasMessageContaining("is not a kernel tree: not a directory and not a tar archive");
    }

    @Test
    void compressedAndPlainTarHeadersPass(@TempDir Path dir) throws IOException {
        Path xz = Files.write(dir.resolve("linux.tar.xz"), new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0, 0, 4});
        Path gz = Files.write(dir.resolve("linux.tar.gz"), new byte[] {0x1F, (byte) 0x8B, 8, 0});
        byte[] block = new byte[512];
        System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, block, 257, 5);
        Path tar = Files.write(dir.resolve("linux.tar"), block);
        for (Path p : new Path[] {xz, gz, tar}) {
            assertThatCode(() -> KernelSource.of(p).check()).as(p.toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void aKernelTreeGivenTwiceReusesItsCopyInTheCache(@TempDir Path dir) throws IOException {
        // The second copy has the same content hash; moving it onto the first used to fail with "Directory not empty".
        KernelSource src = KernelSource.of(fakeKernelTree(dir.resolve("linux")));
        Path cache = dir.resolve("cache");
        KernelSource.Unpacked first = src.unpack(cache);
        KernelSource.Unpacked again = src.unpack(cache);
        assertThat(again.root()).isEqualTo(first.root());
        assertThat(again.hash()).isEqualTo(first.hash());
        try (var left = Files.list(cache.resolve("src"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(first.root().getFileName().toString());
        }
    }
}
