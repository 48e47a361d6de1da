package dev.vmalab.replay.measure;

import dev.vmalab.traces.event.AdviseEvent;
import dev.vmalab.traces.event.BrkEvent;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.MmapLockWriter;
import dev.vmalab.traces.event.ProtectEvent;
import dev.vmalab.traces.event.RemapEvent;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.event.UnmapEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trace's recorded mmap_lock write holds (a mapping syscall's {@code mmap_lock_hold_ns}), per process:
 * which writer, if any, held mmap_lock at a fault's trace time. A hold is taken as
 * [{@code time - mmap_lock_hold_ns}, {@code time}] (the syscall's exit time; the hold ends before it, so this
 * is the latest the hold can have been). The trace has no syscall entry time, so the hold may also lie earlier,
 * anywhere after the writer thread's previous event: [{@code earliestNs}, {@code time}] is when it may have
 * held mmap_lock (munmap, mremap and brk go on after their downgrade, so their hold ends before the exit).
 * Used to name why the kernel left the per-VMA path where the model did not: the kernel saw mmap_lock held
 * (or the VMA write-locked) by that writer.
 */
public final class WriterHolds {
    /** One recorded hold: the writer event's thread, name, range start and times. */
    public record Hold(int tid, String syscall, long address, long earliestNs, long startNs, long endNs) {
        public String describe(long faultNs) {
            return "%s tid %d at 0x%x held %d ns, exit %+d ns from the fault".formatted(syscall, tid, address,
                    endNs - startNs, endNs - faultNs);
        }

        /** Nanoseconds from the fault to the latest-placed hold: 0 inside, negative before it, positive after. */
        long distance(long faultNs) {
            return faultNs < startNs ? startNs - faultNs : faultNs > endNs ? endNs - faultNs : 0;
        }
    }

    private static final WriterHolds NONE = new WriterHolds(Map.of());

    /** Per pid: holds sorted by end time, and the longest [earliest, end] span (bounds the search). */
    private final Map<Integer, List<Hold>> byPid;
    private final Map<Integer, Long> longest = new HashMap<>();

    private WriterHolds(Map<Integer, List<Hold>> byPid) {
        this.byPid = byPid;
        byPid.forEach((pid, holds) -> longest.put(pid,
                holds.stream().mapToLong(h -> h.endNs() - h.earliestNs()).max().orElse(0)));
    }

    public static WriterHolds none() {
        return NONE;
    }

    /** The holds of {@code events} (any order; syscalls without a recorded hold are skipped). */
    public static WriterHolds of(Iterable<? extends TraceEvent> events) {
        Map<Integer, List<Hold>> byPid = new HashMap<>();
        Map<Integer, Long> previous = new HashMap<>();
        for (TraceEvent e : events) {
            Long before = previous.put(e.tid(), e.timeNs());
            if (!(e instanceof MmapLockWriter w) || w.mmapLockHoldNs() <= 0) continue;
            long start = e.timeNs() - w.mmapLockHoldNs();
            long earliest = before == null ? start : Math.min(start, before);
            byPid.computeIfAbsent(e.pid(), p -> new ArrayList<>()).add(new Hold(e.tid(), name(w), address(w),
                    earliest, start, e.timeNs()));
        }
        byPid.values().forEach(l -> l.sort(Comparator.comparingLong(Hold::endNs)));
        return new WriterHolds(byPid);
    }

    /** A hold of another thread of process {@code pid} that covers {@code timeNs}, the earliest ending; or null. */
    public Hold covering(int pid, int tid, long timeNs) {
        return find(pid, tid, timeNs, false);
    }

    /** A syscall of another thread that may have held mmap_lock at {@code timeNs} (in [earliest, exit]); or null. */
    public Hold mayCover(int pid, int tid, long timeNs) {
        return find(pid, tid, timeNs, true);
    }

    /** The other thread's hold nearest to {@code timeNs} as recorded ([exit - hold, exit]); or null. */
    public Hold nearest(int pid, int tid, long timeNs) {
        Hold best = null;
        for (Hold h : byPid.getOrDefault(pid, List.of())) {
            if (h.tid() != tid && (best == null || Math.abs(h.distance(timeNs)) < Math.abs(best.distance(timeNs)))) {
                best = h;
            }
        }
        return best;
    }

    private Hold find(int pid, int tid, long timeNs, boolean inFlight) {
        List<Hold> holds = byPid.get(pid);
        if (holds == null) return null;
        int lo = 0, hi = holds.size();
        while (lo < hi) { // first hold ending at or after the fault
            int mid = (lo + hi) >>> 1;
            if (holds.get(mid).endNs() < timeNs) lo = mid + 1;
            else hi = mid;
        }
        long reach = timeNs + longest.get(pid);
        for (int i = lo; i < holds.size() && holds.get(i).endNs() <= reach; i++) {
            Hold h = holds.get(i);
            if (h.tid() != tid && (inFlight ? h.earliestNs() : h.startNs()) <= timeNs) return h;
        }
        return null;
    }

    private static String name(MmapLockWriter w) {
        return switch (w) {
            case MapEvent _ -> "mmap";
            case UnmapEvent _ -> "munmap";
            case ProtectEvent _ -> "mprotect";
            case RemapEvent _ -> "mremap";
            case BrkEvent _ -> "brk";
            case AdviseEvent _ -> "madvise";
        };
    }

    private static long address(MmapLockWriter w) {
        return switch (w) {
            case MapEvent m -> m.result();
            case UnmapEvent u -> u.addr();
            case ProtectEvent p -> p.addr();
            case RemapEvent r -> r.oldAddr();
            case BrkEvent b -> b.requested();
            case AdviseEvent a -> a.addr();
        };
    }
}
