package dev.vmalab.traces.format;

import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.event.UnmapEvent;

/**
 * Events no kernel can produce, refused rather than replayed: a successful mmap of length 0
 * (mm/mmap.c do_mmap() returns -EINVAL), a successful munmap whose range wraps past 2^64
 * (mm/vma.c do_vmi_munmap() returns -EINVAL), and time going backwards.
 */
public final class EventChecks {
    private EventChecks() {}

    /** Why {@code e} (after an event at {@code previousNs}) is impossible, or null when it is fine. */
    public static String problem(TraceEvent e, long previousNs) {
        if (e.timeNs() < previousNs) {
            return "time goes backwards: " + e.timeNs() + " ns after " + previousNs + " ns (events must be in time order)";
        }
        if (e instanceof MapEvent m && m.succeeded() && m.length() == 0) {
            return "mmap of length 0 that succeeded (the kernel returns EINVAL)";
        }
        if (e instanceof UnmapEvent u && u.succeeded() && Long.compareUnsigned(u.addr() + u.length(), u.addr()) < 0) {
            return "munmap range 0x" + Long.toHexString(u.addr()) + "+0x" + Long.toHexString(u.length())
                    + " overflows 2^64 (the kernel returns EINVAL)";
        }
        return null;
    }
}
