package dev.vmalab.nativebackend.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Tells a tar archive (plain, xz, gzip, bzip2 or zstd) from any other file by its first bytes,
 * so a wrong {@code --kernel-src} file is refused at once instead of after {@code tar} fails.
 */
final class TarHeader {
    private TarHeader() {}

    /** For messages: what {@link #looksLikeTar} accepts. */
    static final String KINDS = ".tar, .tar.xz, .tar.gz, .tar.bz2 or .tar.zst";

    private static final byte[] XZ = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    private static final byte[] GZIP = {0x1F, (byte) 0x8B};
    private static final byte[] BZIP2 = {'B', 'Z', 'h'};
    private static final byte[] ZSTD = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};
    /** A POSIX (and GNU) tar header holds "ustar" at offset 257. */
    private static final int USTAR_AT = 257;
    private static final byte[] USTAR = "ustar".getBytes(StandardCharsets.US_ASCII);

    static boolean looksLikeTar(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(USTAR_AT + USTAR.length);
        } catch (IOException e) {
            throw new NativeBuildException("kernel source " + file + " cannot be read: " + e.getMessage());
        }
        return startsWith(head, 0, XZ) || startsWith(head, 0, GZIP) || startsWith(head, 0, BZIP2)
                || startsWith(head, 0, ZSTD) || startsWith(head, USTAR_AT, USTAR);
    }

    private static boolean startsWith(byte[] head, int at, byte[] magic) {
        return head.length >= at + magic.length && Arrays.equals(head, at, at + magic.length, magic, 0, magic.length);
    }
}
