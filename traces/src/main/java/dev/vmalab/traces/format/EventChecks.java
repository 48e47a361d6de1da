package dev.vmalab.traces.format;

import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.event.UnmapEvent;

/**
 * Events no kernel can produce, refused rather than replayed: a successful mmap of length 0
 * (mm/mmap.c do_mmap() returns -EINVAL), a successful munmap whose range wraps past 2^64
 * (mm/vma.c do_vmi_munmap() returns -EINVAL), and time going backwards. The one place these
 * rules live: the CSV reader and the perf importer both ask here (strict: refused with
 * FILE:LINE; lenient: skipped and counted under {@link Rule#label()}).
 */
public final class EventChecks {
    private EventChecks() {}

    /** The impossibilities, each with the label a lenient read counts it under. */
    public enum Rule {
        TIME_BACKWARDS("time goes backwards"),
        ZERO_LENGTH_MMAP("mmap of length 0 that succeeded"),
        MUNMAP_OVERFLOW("munmap range overflowing 2^64");

        private final String label;

        Rule(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Which rule an event breaks, and the message naming its values. */
    public record Problem(Rule rule, String message) {}

    /** Why {@code e} (after an event at {@code previousNs}) is impossible, or null when it is fine. */
    public static String problem(TraceEvent e, long previousNs) {
        Problem p = check(e, previousNs);
        return p == null ? null : p.message();
    }

    /** The rule {@code e} (after an event at {@code previousNs}) breaks, or null when it is fine. */
    public static Problem check(TraceEvent e, long previousNs) {
        Problem order = timeOrder(e.timeNs(), previousNs);
        if (order != null) return order;
        if (e instanceof MapEvent m && m.succeeded() && m.length() == 0) {
            return new Problem(Rule.ZERO_LENGTH_MMAP, "mmap of length 0 that succeeded (the kernel returns EINVAL)");
        }
        if (e instanceof UnmapEvent u && u.succeeded() && Long.compareUnsigned(u.addr() + u.length(), u.addr()) < 0) {
            return new Problem(Rule.MUNMAP_OVERFLOW, "munmap range 0x" + Long.toHexString(u.addr()) + "+0x"
                    + Long.toHexString(u.length()) + " overflows 2^64 (the kernel returns EINVAL)");
        }
        return null;
    }

    /** A record at {@code timeNs} after one at {@code previousNs}: null when in order. */
    public static Problem timeOrder(long timeNs, long previousNs) {
        if (timeNs >= previousNs) return null;
        return new Problem(Rule.TIME_BACKWARDS, "time goes backwards: " + timeNs + " ns after " + previousNs
                + " ns (events must be in time order)");
    }
}
