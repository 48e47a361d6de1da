package dev.vmalab.traces.stats;

import dev.vmalab.traces.event.AdviseEvent;
import dev.vmalab.traces.event.BrkEvent;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.InitialMapping;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.ProcessStart;
import dev.vmalab.traces.event.ProtectEvent;
import dev.vmalab.traces.event.RemapEvent;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.event.UnmapEvent;
import dev.vmalab.traces.vma.AddressSpace;
import dev.vmalab.traces.vma.AddressSpaces;
import dev.vmalab.traces.vma.Pages;
import dev.vmalab.traces.vma.Vma;
import dev.vmalab.traces.stats.ExposureClassifier.Change;
import dev.vmalab.traces.stats.ExposureClassifier.Range;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Statistics of a trace in one pass: counts per process and per thread, the VMA
 * count of each live process sampled every {@code sampleEvery} events (from the
 * same tracker the importer uses), and the race exposure: faults landing in a VMA
 * that another thread changed within the last {@code windowUs} microseconds.
 */
public final class TraceStats {
    /** The race window {@code trace stats} and replay's workload weighting use unless told otherwise. */
    public static final long DEFAULT_WINDOW_US = 100;

    private TraceStats() {}

    public record Options(long sampleEvery, long windowUs) {
        public Options {
            if (sampleEvery < 1) throw new IllegalArgumentException("sample interval must be >= 1 event");
            if (windowUs < 0) throw new IllegalArgumentException("window must be >= 0 us");
        }
    }

    public record ThreadKey(int pid, int tid) implements Comparable<ThreadKey> {
        @Override
        public int compareTo(ThreadKey o) {
            return pid != o.pid ? Integer.compare(pid, o.pid) : Integer.compare(tid, o.tid);
        }
    }

    /** The VMA count of process {@code pid} after event number {@code event} (1-based), that long into the trace. */
    public record VmaSample(long event, long sinceStartNs, int pid, int vmas) {}

    public static StatsReport of(Stream<TraceEvent> events, Options options) {
        Pass pass = new Pass(options);
        events.forEachOrdered(pass::accept);
        return pass.report();
    }

    private static final class Pass {
        final Options options;
        final AddressSpaces spaces = new AddressSpaces();
        final Counts total = new Counts();
        final Map<Integer, Counts> byProcess = new TreeMap<>();
        final Map<ThreadKey, Counts> byThread = new TreeMap<>();
        final Map<Integer, String> comms = new TreeMap<>();
        final Map<Integer, VmaChanges> changes = new HashMap<>();
        final Map<Integer, Long> lastBrk = new HashMap<>();
        final List<VmaSample> samples = new ArrayList<>();
        final KernelOutcomeStats kernel = new KernelOutcomeStats();
        final Map<ExposureKind, Long> exposure = new java.util.EnumMap<>(ExposureKind.class);
        long count;
        long firstNs = -1;
        long lastNs;

        Pass(Options options) {
            this.options = options;
        }

        void accept(TraceEvent e) {
            count++;
            if (firstNs < 0) firstNs = e.timeNs();
            lastNs = e.timeNs();
            Counts process = byProcess.computeIfAbsent(e.pid(), p -> new Counts());
            Counts thread = byThread.computeIfAbsent(new ThreadKey(e.pid(), e.tid()), k -> new Counts());
            total.add(e);
            process.add(e);
            thread.add(e);
            kernel.accept(e);
            if (e instanceof ProcessStart p) comms.put(p.pid(), p.comm());
            VmaChanges recent = changes.computeIfAbsent(e.pid(), p -> new VmaChanges(options.windowUs() * 1000));
            if (e instanceof FaultEvent f) {
                AddressSpace space = spaces.get(f.pid());
                Vma vma = space == null ? null : space.vmas().find(f.address());
                long start = vma != null ? vma.start() : Pages.down(f.address());
                long end = vma != null ? vma.end() : start + Pages.PAGE_SIZE;
                VmaChanges.Change c = recent.changedByOtherThread(f.timeNs(), f.tid(), start, end);
                if (c != null) {
                    total.racyFault();
                    process.racyFault();
                    thread.racyFault();
                    exposure.merge(classify(c, f.address(), space), 1L, Long::sum);
                }
            } else {
                recordChange(e, recent);
            }
            spaces.apply(e);
            if (e instanceof ProcessStart p && p.how() == ProcessStart.How.EXEC) changes.remove(p.pid());
            if (count % options.sampleEvery() == 0) sample();
        }

        /**
         * Records the VMAs a syscall rewrites: every mapping overlapping its range, whole, since
         * splitting a VMA write-locks (and may detach) all of it, not just the pages named.
         */
            private void recordChange(TraceEvent e, VmaChanges recent) {
            if (!e.succeeded()) return;
            switch (e) {
                case MapEvent m -> changed(recent, m, Change.MMAP, m.result(), m.result() + Pages.up(m.length()));
                case UnmapEvent u -> changed(recent, u, Change.MUNMAP, u.addr(), u.addr() + Pages.up(u.length()));
                case ProtectEvent p -> changed(recent, p, Change.MPROTECT, p.addr(), p.addr() + Pages.up(p.length()));
                case RemapEvent r -> {
                    changed(recent, r, Change.MREMAP, r.oldAddr(), r.oldAddr() + Pages.up(r.oldLength()));
                    changed(recent, r, Change.MREMAP, r.result(), r.result() + Pages.up(r.newLength()));
                }
                case BrkEvent b -> {
                    Long previous = lastBrk.put(b.pid(), b.result());
                    if (previous != null) { // widened like the others: a shrink splits the heap (do_vmi_align_munmap())
                        changed(recent, b, Change.BRK, Pages.up(Math.min(previous, b.result())),
                                Pages.up(Math.max(previous, b.result())));
                    }
                }
                case AdviseEvent a -> {
                    if (Madvise.changesVmas(a.advice())) {
                        changed(recent, a, Change.MADVISE, a.addr(), a.addr() + Pages.up(a.length()));
                    }
                }
                case InitialMapping m -> {
                    // exec's own mappings and inferred ones were there before any thread could race them.
                }
                default -> { }
            }
        }

        private void changed(VmaChanges recent, TraceEvent e, Change op, long start, long end) {
            if (end <= start) return;
            Range syscall = new Range(start, end);
            AddressSpace space = spaces.get(e.pid());
            if (space != null) {
                Vma first = space.vmas().find(start);
                Vma last = space.vmas().find(end - 1);
                if (first != null) start = first.start();
                if (last != null) end = last.end();
            }
            recent.changed(new VmaChanges.Change(e.timeNs(), e.tid(), op, start, end, syscall, before(e, start, end)));
        }

        /** The VMAs overlapping or touching [start, end) now (before the event is applied): what may merge counts. */
        private List<Range> before(TraceEvent e, long start, long end) {
            AddressSpace space = spaces.get(e.pid());
            return space == null ? List.of() : ranges(space, start, end);
        }

        /** The kind of the change {@code c} for a fault at {@code address}, against the layout now. */
        private ExposureKind classify(VmaChanges.Change c, long address, AddressSpace space) {
            Range old = c.vmaBefore(address);
            List<Range> after = old == null || space == null ? List.of() : ranges(space, old.start(), old.end());
            return ExposureClassifier.classify(c.op(), address, old, after, c.syscall());
        }

        /** [start, end) of the VMAs of {@code space} overlapping or touching [start, end), in address order. */
        private static List<Range> ranges(AddressSpace space, long start, long end) {
            List<Range> out = new ArrayList<>();
            Vma v = space.vmas().find(start - 1);
            if (v == null) v = space.vmas().find(start);
            if (v == null) v = space.vmas().above(start - 1);
            for (; v != null && v.start() <= end; v = space.vmas().above(v.start())) out.add(new Range(v.start(), v.end()));
            return out;
        }

        private void sample() {
            for (AddressSpace s : spaces.all()) samples.add(new VmaSample(count, lastNs - firstNs, s.pid(), s.vmas().count()));
        }

        StatsReport report() {
            if (count % options.sampleEvery() != 0) sample();
            samples.sort((a, b) -> a.event() != b.event() ? Long.compare(a.event(), b.event())
                    : Integer.compare(a.pid(), b.pid()));
            return new StatsReport(options, count, firstNs < 0 ? 0 : lastNs - firstNs, total, byProcess, byThread,
                    comms, samples, kernel, exposure);
        }
    }
}
