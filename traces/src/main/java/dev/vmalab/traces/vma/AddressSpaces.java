package dev.vmalab.traces.vma;

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
import java.util.Map;

/**
 * The mappings of every live process, kept up to date by applying trace events in
 * order: fork copies the parent's mappings, exec starts afresh, successful syscalls
 * change the set (failed ones do not), and a process is dropped when its last
 * thread exits, so memory follows the live processes, not the trace's length.
 */
public final class AddressSpaces {
    /** MREMAP_DONTUNMAP: the old range stays mapped. */
    public static final int MREMAP_DONTUNMAP = 4;

    private final Map<Integer, AddressSpace> byPid = new HashMap<>();

    /** The live process {@code pid}, or null. */
    public AddressSpace get(int pid) {
        return byPid.get(pid);
    }

    public int liveProcesses() {
        return byPid.size();
    }

    public Iterable<AddressSpace> all() {
        return byPid.values();
    }

    public void apply(TraceEvent event) {
        switch (event) {
            case ProcessStart p -> {
                AddressSpace parent = byPid.get(p.parentPid());
                byPid.put(p.pid(), p.how() == ProcessStart.How.FORK && parent != null
                        ? parent.fork(p.pid()) : new AddressSpace(p.pid(), new VmaSet()));
            }
            case ThreadStart t -> space(t).threads().add(t.tid());
            case ThreadExit t -> {
                AddressSpace s = byPid.get(t.pid());
                if (s != null) {
                    s.threads().remove(t.tid());
                    if (s.threads().isEmpty()) byPid.remove(t.pid());
                }
            }
            case InitialMapping m -> space(m).vmas().map(new Vma(m.start(), m.end(), m.prot(), m.flags(), m.path(),
                    m.pgoff(), m.inferred() ? Vma.Origin.INFERRED : Vma.Origin.EXEC));
            case MapEvent m -> {
                if (m.succeeded() && m.length() > 0) {
                    space(m).vmas().map(new Vma(m.result(), m.result() + Pages.up(m.length()), m.prot(), m.flags(),
                            m.fd() >= 0 && (m.flags() & Vma.MAP_ANONYMOUS) == 0 ? "fd:" + m.fd() : "",
                            m.offset(), Vma.Origin.SYSCALL));
                }
            }
            case UnmapEvent u -> {
                if (u.succeeded()) space(u).vmas().unmap(u.addr(), u.length());
            }
            case ProtectEvent p -> {
                if (p.succeeded()) space(p).vmas().protect(p.addr(), p.length(), p.prot());
            }
            case RemapEvent r -> {
                if (r.succeeded()) {
                    space(r).vmas().remap(r.oldAddr(), r.oldLength(), r.result(), r.newLength(),
                            (r.flags() & MREMAP_DONTUNMAP) != 0);
                }
            }
            case BrkEvent b -> space(b).brk(b.result());
            case AdviseEvent a -> { }
            case FaultEvent f -> { }
            case MapsRead m -> { }
        }
    }

    /** The event's process, created empty if the trace did not start it (a process already running). */
    private AddressSpace space(TraceEvent e) {
        return byPid.computeIfAbsent(e.pid(), pid -> new AddressSpace(pid, new VmaSet()));
    }
}
