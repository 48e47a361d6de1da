package dev.vmalab.traces.io;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.tukaani.xz.XZInputStream;

/**
 * An .xz stream that, when the file is cut short or damaged, still yields what decodes before
 * the damage (as {@code xz -dc} does), then throws. xz-java reads a whole LZMA2 chunk (up to
 * 64 KiB compressed, 2 MiB of text) before decoding any of it, so a cut inside a chunk would
 * lose the whole chunk: the bundled single-block samples lost everything.
 *
 * <p>Recovery re-opens the file and decodes it twice in lockstep, the missing bytes replaced by
 * 0x00 in one copy and 0xFF in the other. Output that depends only on the real bytes is the same
 * in both; the first byte where the two differ is where the damage begins, and nothing from
 * there on is delivered. (A byte decoded from padding can agree by chance for a few bytes; the
 * readers drop the partial last line, so at worst part of one line is lost or kept. It cannot
 * invent a whole line in practice: both copies would have to decode identical text from
 * different garbage.)
 */
final class RecoveringXzInputStream extends FilterInputStream {
    private static final int STEP = 4096;

    private final TraceSource.Opener reopen;
    private long delivered;
    private IOException damage;
    private InputStream zeros;
    private InputStream ones;
    private boolean recoveredAll;

    RecoveringXzInputStream(InputStream decoded, TraceSource.Opener reopen) {
        super(decoded);
        this.reopen = reopen;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (damage == null) {
            try {
                int n = in.read(buf, off, len);
                if (n > 0) delivered += n;
                return n;
            } catch (IOException e) {
                damage = e;
                startRecovery();
            }
        }
        return readRecovered(buf, off, Math.min(len, STEP));
    }

    private void startRecovery() {
        try {
            zeros = new XZInputStream(new Padded(reopen.open(), 0x00));
            ones = new XZInputStream(new Padded(reopen.open(), 0xff));
            zeros.skipNBytes(delivered);
            ones.skipNBytes(delivered);
        } catch (IOException | RuntimeException e) {
            recoveredAll = true; // cannot re-read: deliver nothing more
        }
    }

    private int readRecovered(byte[] buf, int off, int len) throws IOException {
        if (recoveredAll) throw truncated();
        byte[] a = new byte[len];
        byte[] b = new byte[len];
        int na = fill(zeros, a);
        int nb = fill(ones, b);
        int n = 0;
        int limit = Math.min(na, nb);
        while (n < limit && a[n] == b[n]) n++;
        if (n < len) recoveredAll = true;
        if (n == 0) throw truncated();
        System.arraycopy(a, 0, buf, off, n);
        delivered += n;
        return n;
    }

    /** Bytes read into {@code dst} until it is full, the stream ends or the decoder gives up. */
    private static int fill(InputStream s, byte[] dst) {
        int n = 0;
        try {
            while (n < dst.length) {
                int r = s.read(dst, n, dst.length - n);
                if (r < 0) break;
                n += r;
            }
        } catch (IOException | RuntimeException e) {
            // decoded past the real bytes: what is in dst[0..n) came before
        }
        return n;
    }

    private IOException truncated() {
        EOFException e = new EOFException("xz data damaged or cut short after " + delivered + " decoded bytes ("
                + damage.getClass().getSimpleName() + (damage.getMessage() == null ? "" : ": " + damage.getMessage()) + ")");
        e.initCause(damage);
        return e;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            if (zeros != null) zeros.close();
            if (ones != null) ones.close();
        }
    }

    /** The raw bytes, then {@code pad} forever (the decoder stops on its own at a bad header or check). */
    private static final class Padded extends FilterInputStream {
        private final int pad;
        private boolean ended;
        private long padded;

        Padded(InputStream raw, int pad) {
            super(raw);
            this.pad = pad;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (!ended) {
                int n = in.read(buf, off, len);
                if (n >= 0) return n;
                ended = true;
            }
            if (padded > (1L << 26)) return -1; // 64 MiB of padding: the decoder would have stopped long before
            java.util.Arrays.fill(buf, off, off + len, (byte) pad);
            padded += len;
            return len;
        }
    }
}
