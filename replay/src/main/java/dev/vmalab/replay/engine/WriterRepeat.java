package dev.vmalab.replay.engine;

import dev.vmalab.model.ops.Madvise;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.ops.Processes;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaFlags;
import dev.vmalab.traces.event.AdviseEvent;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.ProtectEvent;
import dev.vmalab.traces.event.RemapEvent;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.event.UnmapEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * --writer-repeat K: after a writer event, K-1 more rounds of VMA churn on the same range
 * that leave the mappings as the event left them. A changed range has each VMA's dump flag
 * toggled (madvise DONTDUMP/DODUMP and back: a split or merge each way, VMAs detached and
 * maple nodes replaced each time, access rights untouched so no fault fails because of it);
 * an unmapped range is mapped and unmapped again.
 */
final class WriterRepeat {
    private final int rounds;

    WriterRepeat(int times) {
        this.rounds = times - 1;
    }

    /** The extra rounds after {@code e} (already applied); events that change no range get none. */
    void after(Mm mm, TraceEvent e) {
        if (rounds == 0 || !e.succeeded()) return;
        switch (e) {
            case MapEvent m -> afterChange(mm, m.result(), m.length());
            case UnmapEvent u -> afterUnmap(mm, u.addr(), u.length());
            case ProtectEvent p -> afterChange(mm, p.addr(), p.length());
            case RemapEvent r -> afterChange(mm, r.result(), r.newLength());
            case AdviseEvent a -> afterChange(mm, a.addr(), a.length());
            default -> { }
        }
    }

    private void afterChange(Mm mm, long addr, long length) {
        if (length <= 0) return;
        long end = addr + length;
        for (int r = 0; r < rounds; r++) {
            for (Piece p : pieces(mm, addr, end)) {
                MapOps.madvise(mm, p.start, p.end - p.start, p.dontDump ? Madvise.MADV_DODUMP : Madvise.MADV_DONTDUMP);
                MapOps.madvise(mm, p.start, p.end - p.start, p.dontDump ? Madvise.MADV_DONTDUMP : Madvise.MADV_DODUMP);
            }
        }
    }

    private void afterUnmap(Mm mm, long addr, long length) {
        if (length <= 0) return;
        for (int r = 0; r < rounds; r++) {
            if (MapOps.mmap(mm, addr, length, VmaFlags.READ | VmaFlags.WRITE, 0, 0, false) == addr) {
                MapOps.munmap(mm, addr, length);
            }
        }
    }

    private record Piece(long start, long end, boolean dontDump) {}

    /** The mapped parts of [start, end) with their dump flag, read under mmap_read_lock. */
    private static List<Piece> pieces(Mm mm, long start, long end) {
        Task t = mm.kernel().rcu().current();
        List<Piece> out = new ArrayList<>();
        mm.mmapReadLock(t);
        try {
            for (Vma v : Processes.vmas(mm)) {
                if (v.end() <= start || v.start() >= end) continue;
                out.add(new Piece(Math.max(v.start(), start), Math.min(v.end(), end), (v.flags() & VmaFlags.DONTDUMP) != 0));
            }
        } finally {
            mm.mmapReadUnlock(t);
        }
        return out;
    }
}
