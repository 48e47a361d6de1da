package dev.vmalab.traces.perf;

import dev.vmalab.traces.event.AdviseEvent;
import dev.vmalab.traces.event.BrkEvent;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.MmapLockWriter;
import dev.vmalab.traces.event.ProtectEvent;
import dev.vmalab.traces.event.RemapEvent;
import dev.vmalab.traces.event.UnmapEvent;

/**
 * The traced syscalls, their argument counts as the {@code syscalls:sys_enter_*}
 * tracepoints print them, which of those are lengths, and the event each becomes.
 */
enum Syscall {
    MMAP(6, 1),        // addr, len, prot, flags, fd, off
    MUNMAP(2, 1),      // addr, len
    MPROTECT(3, 1),    // start, len, prot
    MREMAP(5, 1, 2),   // addr, old_len, new_len, flags, new_addr
    BRK(1),            // brk
    MADVISE(3, 1);     // start, len_in, behavior

    private final int argCount;
    private final int[] lengthArgs;

    Syscall(int argCount, int... lengthArgs) {
        this.argCount = argCount;
        this.lengthArgs = lengthArgs;
    }

    int argCount() {
        return argCount;
    }

    /** Index of the first length argument that is negative as a signed 64-bit number, or -1. */
    int negativeLength(long[] args) {
        for (int i : lengthArgs) {
            if (args[i] < 0) return i;
        }
        return -1;
    }

    String tracepointName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The trace event for a completed call: time and tid are the exit's, {@code result} its return value. */
    MmapLockWriter event(long timeNs, int pid, int tid, long[] a, long result) {
        return switch (this) {
            case MMAP -> new MapEvent(timeNs, pid, tid, a[0], a[1], (int) a[2], (int) a[3], (int) a[4], a[5], result);
            case MUNMAP -> new UnmapEvent(timeNs, pid, tid, a[0], a[1], result);
            case MPROTECT -> new ProtectEvent(timeNs, pid, tid, a[0], a[1], (int) a[2], result);
            case MREMAP -> new RemapEvent(timeNs, pid, tid, a[0], a[1], a[2], (int) a[3], a[4], result);
            case BRK -> new BrkEvent(timeNs, pid, tid, a[0], result);
            case MADVISE -> new AdviseEvent(timeNs, pid, tid, a[0], a[1], (int) a[2], result);
        };
    }
}
