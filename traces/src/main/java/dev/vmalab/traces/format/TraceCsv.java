package dev.vmalab.traces.format;

import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * The vmalab trace CSV schema (documented in traces/README.md): a comment line
 * naming the format and version, a header, then one event per row. Every row has
 * every column; a column an event does not use is empty.
 *
 * <p>Versions (traces/README.md): 1 has the first 23 columns; 2 adds {@code kernel_outcome} (fault rows: what
 * the recording kernel did, from the mmap_lock tracepoints) and {@code mmap_lock_hold_ns} (mapping-syscall rows:
 * how long the call held mmap_lock for write); 3 adds {@code mmap_lock_wait_ns} and {@code mmap_lock_tail_ns}
 * (mapping-syscall rows: how long the call waited for the write lock, and from its release to the syscall's
 * exit). This build writes version 3 and reads all three; an older file reads as version 3 with the newer
 * columns empty (unknown).
 */
public final class TraceCsv {
    private TraceCsv() {}

    public static final int VERSION = 3;
    /** The oldest version this build reads. */
    public static final int OLDEST_READABLE = 1;
    /** Text of the comment line that opens every trace file. */
    public static final String MAGIC = "vmalab-trace";
    public static final String HEADER_COMMENT = MAGIC + " " + VERSION;

    public static final List<String> COLUMNS = List.of(
            "time_ns", "pid", "tid", "event",
            "addr", "len", "prot", "flags", "fd", "off", "new_addr", "new_len", "advice", "result",
            "ip", "access", "error_code",
            "parent", "how", "comm", "path", "inferred", "target_pid",
            "kernel_outcome", "mmap_lock_hold_ns", "mmap_lock_wait_ns", "mmap_lock_tail_ns");

    /** The columns of each version, by version number. */
    static List<String> columns(int version) {
        return switch (version) {
            case 1 -> COLUMNS.subList(0, TARGET_PID + 1);
            case 2 -> COLUMNS.subList(0, MMAP_LOCK_HOLD_NS + 1);
            default -> COLUMNS;
        };
    }

    // Column indexes, in COLUMNS order.
    static final int TIME = 0, PID = 1, TID = 2, EVENT = 3, ADDR = 4, LEN = 5, PROT = 6, FLAGS = 7, FD = 8,
            OFF = 9, NEW_ADDR = 10, NEW_LEN = 11, ADVICE = 12, RESULT = 13, IP = 14, ACCESS = 15,
            ERROR_CODE = 16, PARENT = 17, HOW = 18, COMM = 19, PATH = 20, INFERRED = 21, TARGET_PID = 22,
            KERNEL_OUTCOME = 23, MMAP_LOCK_HOLD_NS = 24, MMAP_LOCK_WAIT_NS = 25, MMAP_LOCK_TAIL_NS = 26;

    /** Writing: prints the version comment and the header. */
    static final CSVFormat WRITE = CSVFormat.DEFAULT.builder()
            .setHeader(COLUMNS.toArray(String[]::new))
            .setHeaderComments(HEADER_COMMENT)
            .setCommentMarker('#')
            .setRecordSeparator('\n')
            .get();

    /** Reading: takes the header from the first record and keeps the comment before it. */
    static final CSVFormat READ = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setCommentMarker('#')
            .get();

    /** The {@code event} column's value for an event ({@code fault}, {@code map}, ...). */
    public static String eventName(dev.vmalab.traces.event.TraceEvent e) {
        return EventRows.typeName(e);
    }

    /** Numbers are written as 0x-hex (addresses, lengths, flags) or signed decimal; both read back. */
    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** A syscall result: the address or 0 in hex, a negative errno in decimal ({@code -12}). */
    static String result(long value) {
        return value < 0 && value >= -4095 ? Long.toString(value) : hex(value);
    }

    static long parseNumber(String text) {
        if (text.startsWith("0x")) return Long.parseUnsignedLong(text, 2, text.length(), 16);
        if (text.startsWith("-0x")) return -Long.parseUnsignedLong(text, 3, text.length(), 16);
        return Long.parseLong(text);
    }
}
