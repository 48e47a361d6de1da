package dev.vmalab.bench;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.lookup.FaultOutcome;
import dev.vmalab.model.lookup.FaultPath;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.ops.Processes;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.VmaFlags;
import dev.vmalab.traces.event.AdviseEvent;
import dev.vmalab.traces.event.BrkEvent;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.InitialMapping;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.MapsRead;
import dev.vmalab.traces.event.ProcessStart;
import dev.vmalab.traces.event.ProtectEvent;
import dev.vmalab.traces.event.RemapEvent;
import dev.vmalab.traces.event.ThreadExit;
import dev.vmalab.traces.event.ThreadStart;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.event.UnmapEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The least a replay can do: one thread, the trace's events in time order,
 * mapping syscalls through {@link MapOps}, faults through {@link FaultPath#fault}.
 * No pacing, ordering gates, timing or histograms: the baseline that the
 * replay engine's cost per lookup is compared with. Simplifications: one mm
 * per pid (fork copies, exec starts empty), files identified by path or
 * (pid, fd), brk only moves an existing heap.
 */
final class SimpleTraceLoop {
    private SimpleTraceLoop() {}

    private static final int MAP_SHARED = 0x01;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final int MAP_GROWSDOWN = 0x100;

    /** Replays {@code events}; returns the lookup counters (one lookup per fault). */
    static VmaLockStats run(List<TraceEvent> events, LookupStrategy strategy, Kernel kernel) {
        Map<Integer, Mm> mms = new HashMap<>();
        VmaLockStats stats = new VmaLockStats();
        for (TraceEvent e : events) {
            if (!e.succeeded()) continue;
            switch (e) {
                case FaultEvent f -> {
                    FaultOutcome o = FaultPath.fault(strategy, mm(mms, kernel, f.pid()), f.address(),
                            f.access() == FaultEvent.Access.WRITE, f.access() == FaultEvent.Access.EXEC, stats);
                    if (o == null) throw new IllegalStateException();
                }
                case ProcessStart p -> {
                    Mm old = mms.get(p.pid());
                    Mm mm = p.how() == ProcessStart.How.FORK
                            ? Processes.fork(kernel, mm(mms, kernel, p.parentPid())) : new Mm(kernel);
                    mms.put(p.pid(), mm);
                    if (old != null && p.how() == ProcessStart.How.EXEC) Processes.exit(old);
                }
                case InitialMapping m -> {
                    boolean stack = "[stack]".equals(m.path());
                    boolean named = m.path() != null && !m.path().isEmpty() && !m.path().startsWith("[");
                    Mm mm = mm(mms, kernel, m.pid());
                    MapOps.mmap(mm, m.start(), m.end() - m.start(), flags(m.prot(), m.flags(), stack),
                            named ? m.path().hashCode() | 1L : 0, m.pgoff() >>> 12, true);
                    if ("[heap]".equals(m.path()) && mm.startBrk() == 0) {
                        mm.setBrkBase(m.start());
                        mm.setBrk(m.end());
                    }
                }
                case MapEvent m -> {
                    boolean anon = m.fd() < 0 || (m.flags() & MAP_ANONYMOUS) != 0;
                    MapOps.mmap(mm(mms, kernel, m.pid()), m.result(), m.length(), flags(m.prot(), m.flags(), false),
                            anon ? 0 : ((long) m.pid() << 32 | m.fd()) | 1L, m.offset() >>> 12, true);
                }
                case UnmapEvent u -> MapOps.munmap(mm(mms, kernel, u.pid()), u.addr(), u.length());
                case ProtectEvent p -> MapOps.mprotect(mm(mms, kernel, p.pid()), p.addr(), p.length(), p.prot());
                case RemapEvent r -> MapOps.mremap(mm(mms, kernel, r.pid()), r.oldAddr(), r.oldLength(), r.newLength(),
                        r.result());
                case AdviseEvent a -> MapOps.madvise(mm(mms, kernel, a.pid()), a.addr(), a.length(), a.advice());
                case BrkEvent b -> {
                    Mm mm = mm(mms, kernel, b.pid());
                    if (mm.startBrk() == 0) mm.setBrkBase(b.result());
                    else if (b.requested() != 0) MapOps.brk(mm, b.requested());
                }
                case ThreadStart _, ThreadExit _, MapsRead _ -> { }
            }
        }
        for (Mm mm : mms.values()) Processes.exit(mm);
        return stats;
    }

    private static Mm mm(Map<Integer, Mm> mms, Kernel kernel, int pid) {
        Mm mm = mms.get(pid);
        if (mm == null) mms.put(pid, mm = new Mm(kernel));
        return mm;
    }

    private static int flags(int prot, int mapFlags, boolean stack) {
        int f = VmaFlags.fromProt(prot);
        if ((mapFlags & MAP_SHARED) != 0) f |= VmaFlags.SHARED;
        if ((mapFlags & MAP_GROWSDOWN) != 0 || stack) f |= VmaFlags.GROWSDOWN;
        return f;
    }
}
