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
 * is the latest the hold can have been). Used to name why the kernel left the per-VMA path where the model
 * did not: the kernel saw mmap_lock held (or the VMA write-locked) by that writer.
 */
public final class WriterHolds {
    /** One recorded hold: the writer event's thread, name, range start and times. */
    public record Hold(int tid, String syscall, long address, long startNs, long endNs) {
        public String describe(long faultNs) {
            return "%s tid %d at 0x%x held %d ns, until %d ns after the fault".formatted(syscall, tid, address,
                    endNs - startNs, endNs - faultNs);
        }
    }

    private static final WriterHolds NONE = new WriterHolds(Map.of());

    /** Per pid: holds sorted by end time, and the longest hold (bounds the search). */
    private final Map<Integer, List<Hold>> byPid;
    private final Map<Integer, Long> longest = new HashMap<>();

    private WriterHolds(Map<Integer, List<Hold>> byPid) {
        this.byPid = byPid;
        byPid.forEach((pid, holds) -> longest.put(pid,
                holds.stream().mapToLong(h -> h.endNs() - h.startNs()).max().orElse(0)));
    }

    public static WriterHolds none() {
        return NONE;
    }

    /** The holds of {@code events} (any order; syscalls without a recorded hold are skipped). */
    public static WriterHolds of(Iterable<? extends TraceEvent> events) {
        Map<Integer, List<Hold>> byPid = new HashMap<>();
        for (TraceEvent e : events) {
            if (!(e instanceof MmapLockWriter w) || w.mmapLockHoldNs() <= 0) continue;
            byPid.computeIfAbsent(e.pid(), p -> new ArrayList<>()).add(new Hold(e.tid(), name(w), address(w),
                    e.timeNs() - w.mmapLockHoldNs(), e.timeNs()));
        }
        byPid.values().forEach(l -> l.sort(Comparator.comparingLong(Hold::endNs)));
        return new WriterHolds(byPid);
    }

    /** A hold of another thread of process {@code pid} that covers {@code timeNs}, the earliest ending; or null. */
    public Hold covering(int pid, int tid, long timeNs) {
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
            if (h.tid() != tid && h.startNs() <= timeNs) return h;
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
