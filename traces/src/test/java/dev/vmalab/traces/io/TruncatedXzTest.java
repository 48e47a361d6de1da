package dev.vmalab.traces.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** A cut single-block .xz yields the text before the cut (as xz -dc does), then an error; never invented bytes. */
class TruncatedXzTest {
    @Test
    void aCutSingleChunkXzStillYieldsMostOfItsText() throws IOException {
        byte[] text = text(1 << 20); // compresses into one LZMA2 chunk: xz-java alone would yield nothing
        byte[] xz = xz(text);
        byte[] cut = Arrays.copyOf(xz, xz.length * 6 / 10);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        TraceSource source = new TraceSource("cut.xz", () -> new ByteArrayInputStream(cut));
        try (InputStream in = source.open().in()) {
            assertThatThrownBy(() -> {
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) > 0; ) got.write(buf, 0, n);
            }).isInstanceOf(IOException.class).hasMessageContaining("cut short");
        }
        byte[] out = got.toByteArray();
        assertThat(out.length).as("decoded before the cut").isGreaterThan(text.length / 2);
        assertThat(Arrays.equals(out, 0, out.length, text, 0, out.length)).as("a prefix of the real text").isTrue();
        assertThat(plainXzJava(cut)).as("what xz-java alone gives (why the recovery exists)").isLessThan(out.length / 10);
    }

    private static int plainXzJava(byte[] cut) {
        int n = 0;
        try (InputStream in = new org.tukaani.xz.XZInputStream(new ByteArrayInputStream(cut))) {
            byte[] buf = new byte[8192];
            for (int r; (r = in.read(buf)) > 0; ) n += r;
        } catch (IOException expected) {
            // cut short
        }
        return n;
    }

    @Test
    void aWholeXzReadsAsBefore() throws IOException {
        byte[] text = text(200_000);
        byte[] xz = xz(text);
        try (InputStream in = new TraceSource("whole.xz", () -> new ByteArrayInputStream(xz)).open().in()) {
            assertThat(in.readAllBytes()).isEqualTo(text);
        }
    }

    private static byte[] text(int size) {
        Random rnd = new Random(7);
        StringBuilder b = new StringBuilder();
        while (b.length() < size) {
            b.append(900_000_000_000L + b.length()).append(",12006,").append(12006 + rnd.nextInt(4))
                    .append(",fault,0x7efde86").append(Integer.toHexString(rnd.nextInt(1 << 8))).append(",,,,\n");
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] xz(byte[] text) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (XZOutputStream x = new XZOutputStream(b, new LZMA2Options(6))) {
            x.write(text);
        }
        return b.toByteArray();
    }
}
