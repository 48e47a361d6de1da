package dev.vmalab.traces.format;

import static dev.vmalab.traces.format.TraceCsv.*;

import dev.vmalab.traces.event.AdviseEvent;
import dev.vmalab.traces.event.BrkEvent;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.InitialMapping;
import dev.vmalab.traces.event.KernelFaultOutcome;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.MapsRead;
import dev.vmalab.traces.event.MmapLockTimes;
import dev.vmalab.traces.event.MmapLockWriter;
import dev.vmalab.traces.event.ProcessStart;
import dev.vmalab.traces.event.ProtectEvent;
import dev.vmalab.traces.event.RemapEvent;
import dev.vmalab.traces.event.ThreadExit;
import dev.vmalab.traces.event.ThreadStart;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.event.UnmapEvent;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntFunction;

/** Turns events into CSV rows and back; the one place that knows which column each component goes to. */
final class EventRows {
    private EventRows() {}

    /** The {@code event} column's value for each record type. */
    static String typeName(TraceEvent e) {
        return switch (e) {
            case ProcessStart p -> "process_start";
            case ThreadStart t -> "thread_start";
            case ThreadExit t -> "thread_exit";
            case InitialMapping m -> "initial_mapping";
            case MapEvent m -> "map";
            case UnmapEvent u -> "unmap";
            case ProtectEvent p -> "protect";
            case RemapEvent r -> "remap";
            case BrkEvent b -> "brk";
            case AdviseEvent a -> "advise";
            case FaultEvent f -> "fault";
            case MapsRead m -> "maps_read";
        };
    }

    private static final java.util.Set<String> TYPES = java.util.Set.of("process_start", "thread_start",
            "thread_exit", "initial_mapping", "map", "unmap", "protect", "remap", "brk", "advise", "fault", "maps_read");

    /** Whether {@code type} names an event (the {@code event} column's values). */
    static boolean knownType(String type) {
        return TYPES.contains(type);
    }

    static String[] toRow(TraceEvent e) {
        String[] row = new String[COLUMNS.size()];
        Arrays.fill(row, "");
        row[TIME] = Long.toString(e.timeNs());
        row[PID] = Integer.toString(e.pid());
        row[TID] = Integer.toString(e.tid());
        row[EVENT] = typeName(e);
        switch (e) {
            case ProcessStart p -> {
                row[PARENT] = Integer.toString(p.parentPid());
                row[HOW] = p.how().name().toLowerCase(Locale.ROOT);
                row[COMM] = p.comm();
            }
            case ThreadStart t -> row[PARENT] = Integer.toString(t.parentTid());
            case ThreadExit t -> { }
            case InitialMapping m -> {
                row[ADDR] = hex(m.start());
                row[LEN] = hex(m.end() - m.start());
                row[PROT] = hex(m.prot());
                row[FLAGS] = hex(m.flags());
                row[OFF] = hex(m.pgoff());
                row[PATH] = m.path();
                row[INFERRED] = m.inferred() ? "1" : "0";
            }
            case MapEvent m -> {
                row[ADDR] = hex(m.addr());
                row[LEN] = hex(m.length());
                row[PROT] = hex(m.prot());
                row[FLAGS] = hex(m.flags());
                row[FD] = Integer.toString(m.fd());
                row[OFF] = hex(m.offset());
                row[RESULT] = result(m.result());
            }
            case UnmapEvent u -> {
                row[ADDR] = hex(u.addr());
                row[LEN] = hex(u.length());
                row[RESULT] = result(u.result());
            }
            case ProtectEvent p -> {
                row[ADDR] = hex(p.addr());
                row[LEN] = hex(p.length());
                row[PROT] = hex(p.prot());
                row[RESULT] = result(p.result());
            }
            case RemapEvent r -> {
                row[ADDR] = hex(r.oldAddr());
                row[LEN] = hex(r.oldLength());
                row[NEW_LEN] = hex(r.newLength());
                row[FLAGS] = hex(r.flags());
                row[NEW_ADDR] = hex(r.newAddr());
                row[RESULT] = result(r.result());
            }
            case BrkEvent b -> {
                row[ADDR] = hex(b.requested());
                row[RESULT] = result(b.result());
            }
            case AdviseEvent a -> {
                row[ADDR] = hex(a.addr());
                row[LEN] = hex(a.length());
                row[ADVICE] = Integer.toString(a.advice());
                row[RESULT] = result(a.result());
            }
            case FaultEvent f -> {
                row[ADDR] = hex(f.address());
                row[IP] = hex(f.ip());
                row[ACCESS] = f.access().name().toLowerCase(Locale.ROOT);
                row[ERROR_CODE] = hex(f.errorCode());
                if (f.kernelOutcome() != KernelFaultOutcome.UNKNOWN) {
                    row[KERNEL_OUTCOME] = f.kernelOutcome().name().toLowerCase(Locale.ROOT);
                }
            }
            case MapsRead m -> row[TARGET_PID] = Integer.toString(m.targetPid());
        }
        if (e instanceof MmapLockWriter w) {
            MmapLockTimes lock = w.mmapLock();
            if (lock.holdNs() != MmapLockTimes.UNKNOWN) row[MMAP_LOCK_HOLD_NS] = Long.toString(lock.holdNs());
            if (lock.waitNs() != MmapLockTimes.UNKNOWN) row[MMAP_LOCK_WAIT_NS] = Long.toString(lock.waitNs());
            if (lock.tailNs() != MmapLockTimes.UNKNOWN) row[MMAP_LOCK_TAIL_NS] = Long.toString(lock.tailNs());
        }
        return row;
    }

    /**
     * Decodes one row. {@code col} returns a column's text; a missing or bad value
     * throws IllegalArgumentException with a message naming the column, which the
     * reader turns into an error naming file and line.
     */
    static TraceEvent fromRow(IntFunction<String> col) {
        long t = number(col, TIME);
        int pid = (int) number(col, PID);
        int tid = (int) number(col, TID);
        String type = col.apply(EVENT);
        TraceEvent e = switch (type) {
            case "process_start" -> new ProcessStart(t, pid, tid, (int) number(col, PARENT),
                    enumValue(ProcessStart.How.class, col, HOW), col.apply(COMM));
            case "thread_start" -> new ThreadStart(t, pid, tid, (int) number(col, PARENT));
            case "thread_exit" -> new ThreadExit(t, pid, tid);
            case "initial_mapping" -> {
                long start = number(col, ADDR);
                long len = length(col, LEN);
                yield new InitialMapping(t, pid, tid, start, start + len, (int) number(col, PROT),
                        (int) number(col, FLAGS), number(col, OFF), col.apply(PATH), flag(col, INFERRED));
            }
            case "map" -> new MapEvent(t, pid, tid, number(col, ADDR), length(col, LEN), (int) number(col, PROT),
                    (int) number(col, FLAGS), (int) number(col, FD), number(col, OFF), number(col, RESULT));
            case "unmap" -> new UnmapEvent(t, pid, tid, number(col, ADDR), length(col, LEN), number(col, RESULT));
            case "protect" -> new ProtectEvent(t, pid, tid, number(col, ADDR), length(col, LEN),
                    (int) number(col, PROT), number(col, RESULT));
            case "remap" -> new RemapEvent(t, pid, tid, number(col, ADDR), length(col, LEN), length(col, NEW_LEN),
                    (int) number(col, FLAGS), number(col, NEW_ADDR), number(col, RESULT));
            case "brk" -> new BrkEvent(t, pid, tid, number(col, ADDR), number(col, RESULT));
            case "advise" -> new AdviseEvent(t, pid, tid, number(col, ADDR), length(col, LEN),
                    (int) number(col, ADVICE), number(col, RESULT));
            case "fault" -> new FaultEvent(t, pid, tid, number(col, ADDR), number(col, IP),
                    enumValue(FaultEvent.Access.class, col, ACCESS), (int) number(col, ERROR_CODE),
                    col.apply(KERNEL_OUTCOME).isEmpty() ? KernelFaultOutcome.UNKNOWN
                            : enumValue(KernelFaultOutcome.class, col, KERNEL_OUTCOME));
            case "maps_read" -> new MapsRead(t, pid, tid, (int) number(col, TARGET_PID));
            default -> throw new IllegalArgumentException("unknown event '" + type + "' (allowed: process_start, "
                    + "thread_start, thread_exit, initial_mapping, map, unmap, protect, remap, brk, advise, "
                    + "fault, maps_read)");
        };
        long hold = lockNs(col, MMAP_LOCK_HOLD_NS, e, type);
        long wait = lockNs(col, MMAP_LOCK_WAIT_NS, e, type);
        long tail = lockNs(col, MMAP_LOCK_TAIL_NS, e, type);
        if (hold == MmapLockTimes.UNKNOWN && wait == MmapLockTimes.UNKNOWN && tail == MmapLockTimes.UNKNOWN) return e;
        if (hold == MmapLockTimes.UNKNOWN) {
            throw new IllegalArgumentException("columns mmap_lock_wait_ns/mmap_lock_tail_ns are set without mmap_lock_hold_ns");
        }
        return ((MmapLockWriter) e).withMmapLock(new MmapLockTimes(hold, wait, tail));
    }

    /** One of the mapping syscalls' mmap_lock columns: empty = unknown; set only on their rows, never negative. */
    private static long lockNs(IntFunction<String> col, int index, TraceEvent e, String type) {
        if (col.apply(index).isEmpty()) return MmapLockTimes.UNKNOWN;
        if (!(e instanceof MmapLockWriter)) {
            throw new IllegalArgumentException("column " + COLUMNS.get(index) + " is set on a " + type + " row");
        }
        long ns = number(col, index);
        if (ns < 0) throw new IllegalArgumentException("negative " + COLUMNS.get(index) + ": " + ns);
        return ns;
    }

    private static long number(IntFunction<String> col, int index) {
        String text = col.apply(index);
        if (text.isEmpty()) throw new IllegalArgumentException("column " + COLUMNS.get(index) + " is empty");
        try {
            return parseNumber(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column " + COLUMNS.get(index) + ": not a number: '" + text + "'");
        }
    }

    private static long length(IntFunction<String> col, int index) {
        long len = number(col, index);
        if (len < 0) throw new IllegalArgumentException("negative length in column " + COLUMNS.get(index) + ": " + len);
        return len;
    }

    private static boolean flag(IntFunction<String> col, int index) {
        return switch (col.apply(index)) {
            case "1" -> true;
            case "0" -> false;
            default -> throw new IllegalArgumentException("column " + COLUMNS.get(index) + " must be 0 or 1");
        };
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, IntFunction<String> col, int index) {
        String text = col.apply(index);
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column " + COLUMNS.get(index) + ": '" + text + "' is not one of "
                    + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        }
    }
}
