package dev.vmalab.replay.cli;

import dev.vmalab.nativebackend.build.KernelSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A directory with every entry the native build needs, empty: it passes --kernel-src's check, and builds nothing. */
final class FakeKernelTree {
    private FakeKernelTree() {}

    static Path in(Path dir) throws IOException {
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
}
