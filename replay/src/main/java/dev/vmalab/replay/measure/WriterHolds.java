package dev.vmalab.replay.measure;

import dev.vmalab.replay.engine.TracedHold;
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
 * The trace's recorded mmap_lock write holds and waits, per process: which writer, if any, held or waited
 * for mmap_lock at a fault's trace time. Where the trace has the wait and the tail (format 3), each is placed
 * exactly as the trace clock places it ({@link TracedHold}: queued from {@code request}, held from
 * {@code acquired} to {@code released}); a queued writer fails read trylocks too (RWSEM_FLAG_WAITERS is in
 * kernel/locking/rwsem.c's RWSEM_READ_FAILED_MASK). Without them (format 2) a hold is taken as
 * [{@code time - mmap_lock_hold_ns}, {@code time}] (the latest it can have been) and may also lie earlier,
 * anywhere after the writer thread's previous event: [{@code earliestNs}, {@code time}]. Used to name why the
 * kernel left the per-VMA path where the model did not.
 */
public final class WriterHolds {
    /**
     * One recorded hold: the writer event's thread, name, range start and times ({@code requestNs} =
     * {@code startNs} when no wait is known; {@code earliestNs} = {@code requestNs} when the hold is placed).
     */
    public record Hold(int tid, String syscall, long address, long earliestNs, long requestNs, long startNs,
                       long endNs) {
        public String describe(long faultNs) {
            String wait = startNs > requestNs ? ", queued %d ns before".formatted(startNs - requestNs) : "";
            return "%s tid %d at 0x%x held %d ns%s, release %+d ns from the fault".formatted(syscall, tid, address,
                    endNs - startNs, wait, endNs - faultNs);
        }

        /** Whether the writer was queued for mmap_lock (asked, not yet granted) at {@code faultNs}. */
        boolean waitingAt(long faultNs) {
            return requestNs <= faultNs && faultNs < startNs;
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
            TracedHold t = TracedHold.of(e);
            if (t == null) continue;
            MmapLockWriter w = (MmapLockWriter) e;
            long earliest = TracedHold.placed(e) || before == null ? t.request() : Math.min(t.request(), before);
            byPid.computeIfAbsent(e.pid(), p -> new ArrayList<>()).add(new Hold(e.tid(), name(w), address(w),
                    earliest, t.request(), t.acquired(), t.released()));
        }
        byPid.values().forEach(l -> l.sort(Comparator.comparingLong(Hold::endNs)));
        return new WriterHolds(byPid);
    }

    /** A hold of another thread of process {@code pid} that covers {@code timeNs}, the earliest ending; or null. */
    public Hold covering(int pid, int tid, long timeNs) {
        return find(pid, tid, timeNs, false);
    }

    /** A writer of another thread queued for mmap_lock at {@code timeNs} (format 3 only); or null. */
    public Hold waiting(int pid, int tid, long timeNs) {
        List<Hold> holds = byPid.get(pid);
        if (holds == null) return null;
        for (Hold h : holds.subList(firstEndingAtOrAfter(holds, timeNs), holds.size())) {
            if (h.endNs() > timeNs + longest.get(pid)) break;
            if (h.tid() != tid && h.waitingAt(timeNs)) return h;
        }
        return null;
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
        int lo = firstEndingAtOrAfter(holds, timeNs);
        long reach = timeNs + longest.get(pid);
        for (int i = lo; i < holds.size() && holds.get(i).endNs() <= reach; i++) {
            Hold h = holds.get(i);
            if (h.tid() != tid && (inFlight ? h.earliestNs() : h.startNs()) <= timeNs) return h;
        }
        return null;
    }

    private static int firstEndingAtOrAfter(List<Hold> holds, long timeNs) {
        int lo = 0, hi = holds.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (holds.get(mid).endNs() < timeNs) lo = mid + 1;
            else hi = mid;
        }
        return lo;
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
