package dev.vmalab.reports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: the first bytes of a file (to check a PNG signature without reading it all). */
final class Arrays8 {
    private Arrays8() {}

    static byte[] firstBytes(Path file, int n) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }
}
