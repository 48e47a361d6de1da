package dev.vmalab.traces.perf;

import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.InitialMapping;
import dev.vmalab.traces.event.KernelFaultOutcome;
import dev.vmalab.traces.event.MapsRead;
import dev.vmalab.traces.event.MmapLockTimes;
import dev.vmalab.traces.event.MmapLockWriter;
import dev.vmalab.traces.event.ProcessStart;
import dev.vmalab.traces.event.ThreadExit;
import dev.vmalab.traces.event.ThreadStart;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.format.EventChecks;
import dev.vmalab.traces.format.Skips;
import dev.vmalab.traces.format.TraceInputException;
import dev.vmalab.traces.vma.AddressSpace;
import dev.vmalab.traces.vma.AddressSpaces;
import dev.vmalab.traces.vma.Pages;
import dev.vmalab.traces.vma.Vma;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns {@code perf script} lines into trace events, one line at a time:
 * pairs syscall enter and exit per thread (a failed call is kept, with its errno,
 * and not applied), maps threads to processes from task records (and from the
 * pid/tid of MMAP2 and of the {@code -F pid,tid} layout), gives a forked child a
 * copy of its parent's mappings, starts afresh on exec, and infers mappings exec
 * made from faults that hit nothing ({@link MappingInference}), emitting each
 * inferred mapping just before its fault. State is per live thread and process.
 *
 * <p>With the mmap_lock tracepoints in the recording ({@link KernelOutcomes}), each fault is held back until
 * its thread's next record (or {@value #HOLD_LIMIT} events later) so it carries the kernel's outcome, and each
 * mapping syscall carries its mmap_lock write-hold time. Events still leave in input order.
 */
final class PerfImporter {
    private final String file;
    private final ImportOptions options;
    private final Consumer<TraceEvent> out;
    private final ImportCounters counters = new ImportCounters();
    private final AddressSpaces spaces = new AddressSpaces();
    private final Map<Integer, Integer> pidOfThread = new HashMap<>();
    private final Map<Integer, PendingCall> pending = new HashMap<>();
    private final KernelOutcomes locks = new KernelOutcomes();
    /** Events not yet handed out: a fault waits here until its kernel outcome is known. */
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final Map<Integer, Held> openFault = new HashMap<>();
    /** A start_locking record whose callchain lines are still coming. */
    private MmapLockRecord startLocking;
    private final StringBuilder frames = new StringBuilder();
    private long lineNumber;
    /** Time of the last record taken; a record before it is refused (EventChecks.timeOrder). */
    private long previousNs = Long.MIN_VALUE;
    private String truncatedReason = "";

    /** Bound on events held back behind an open fault (a fault's locking follows it within microseconds). */
    static final int HOLD_LIMIT = 4096;

    private static final class Held {
        TraceEvent event;
        KernelOutcomes.FaultLocking locking;
        boolean ready;

        Held(TraceEvent event, KernelOutcomes.FaultLocking locking) {
            this.event = event;
            this.locking = locking;
            this.ready = locking == null;
        }
    }

    private record PendingCall(Syscall syscall, long[] args, long lineNumber) {}

    /** Thrown inside the importer for a bad line; becomes an error or a skip. */
    private static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final ImportProblem kind;
        /** The detail names its kind already (EventChecks' messages): not prefixed with the label. */
        final boolean whole;

        Problem(ImportProblem kind, String detail) {
            this(kind, detail, false);
        }

        Problem(ImportProblem kind, String detail, boolean whole) {
            super(detail, null, false, false);
            this.kind = kind;
            this.whole = whole;
        }

        /** An impossible event, as EventChecks words it. */
        Problem(EventChecks.Problem p) {
            this(ImportProblem.of(p.rule()), p.message(), true);
        }
    }

    PerfImporter(String file, ImportOptions options, Consumer<TraceEvent> out) {
        this.file = file;
        this.options = options;
        this.out = out;
    }

    ImportSummary summary() {
        return counters.summary();
    }

    long lineNumber() {
        return lineNumber;
    }

    void accept(String line) {
        lineNumber++;
        counters.lines++;
        if (!line.isEmpty() && line.charAt(0) == '\t') {
            // A callchain frame ("\tffffffff815df0d4 lock_mm_and_find_vma+0x144 ([kernel.kallsyms])").
            if (startLocking != null) frames.append(line, 1, line.length()).append('\n');
            counters.ignored("callchain frame");
            return;
        }
        finishStartLocking();
        try {
            acceptRecord(line);
        } finally {
            release();
        }
    }

    private void acceptRecord(String line) {
        if (line.isBlank() || line.charAt(0) == '#') {
            counters.ignored("blank or comment");
            return;
        }
        try {
            PerfLine parsed;
            try {
                parsed = PerfLineParser.parse(line);
            } catch (IllegalArgumentException e) {
                throw new Problem(ImportProblem.MALFORMED_LINE, e.getMessage());
            }
            PerfEventKind kind = PerfEventKind.of(parsed.event());
            if (kind == null) {
                throw new Problem(ImportProblem.UNKNOWN_EVENT, "'" + parsed.event()
                        + "' (the importer reads exceptions:page_fault_user, syscalls:sys_enter_/sys_exit_ of "
                        + "mmap, munmap, mprotect, mremap, brk, madvise, mmap_lock:mmap_lock_start_locking/"
                        + "acquire_returned/released, and PERF_RECORD_MMAP2/MMAP/FORK/COMM/EXIT)");
            }
            if (kind.type().tracepoint()) parsed = parsed.withoutSampleIp();
            EventChecks.Problem order = EventChecks.timeOrder(parsed.timeNs(), previousNs);
            if (order != null) throw new Problem(order);
            previousNs = parsed.timeNs();
            try {
                handle(parsed, kind);
            } catch (IllegalArgumentException e) {
                throw new Problem(ImportProblem.MALFORMED_LINE, parsed.event() + ": " + e.getMessage());
            }
        } catch (Problem p) {
            problem(p.kind, p.whole ? p.getMessage() : p.kind.label() + ": " + p.getMessage(), lineNumber);
        }
    }

    /** Input ended inside a compressed stream. */
    void truncated(TraceInputException error) {
        if (!options.lenient()) throw error;
        counters.skipped(ImportProblem.TRUNCATED_INPUT);
        counters.endedAtLine = error.line();
        truncatedReason = error.reason();
    }

    /** The lines skipped by reason and where a damaged input ended, as every trace reader reports them. */
    Skips skips() {
        Skips s = new Skips();
        ImportSummary summary = counters.summary();
        summary.skipped().forEach((p, n) -> {
            if (p != ImportProblem.TRUNCATED_INPUT) s.skip(p.label(), n);
        });
        if (summary.endedAtLine() > 0) s.ended(summary.endedAtLine(), truncatedReason);
        return s;
    }

    /** End of input: calls still waiting for their exit are counted, not emitted. */
    void finish() {
        finishStartLocking();
        counters.unfinishedSyscalls += pending.size();
        pending.clear();
        for (Integer tid : java.util.List.copyOf(openFault.keySet())) closeFault(tid);
        release();
    }

    /** @param reason the whole reason, {@code label: detail} */
    private void problem(ImportProblem kind, String reason, long line) {
        if (!options.lenient()) {
            throw new TraceInputException(file, line, reason);
        }
        counters.skipped(kind);
    }

    private void handle(PerfLine line, PerfEventKind kind) {
        switch (kind.type()) {
            case FAULT -> fault(line);
            case SYSCALL_ENTER -> enter(line, kind.syscall());
            case SYSCALL_EXIT -> exit(line, kind.syscall());
            case MMAP2 -> mmap(line, PerfArgs.mmap(line.args(), true));
            case MMAP -> mmap(line, PerfArgs.mmap(line.args(), false));
            case FORK -> fork(line, PerfArgs.task(line.args()));
            case COMM -> comm(line, PerfArgs.comm(line.args()));
            case EXIT -> exit(line, PerfArgs.task(line.args()));
            case LOCK_START -> startLocking = lockRecord(line, MmapLockRecord.Kind.START_LOCKING);
            case LOCK_ACQUIRED -> lock(lockRecord(line, MmapLockRecord.Kind.ACQUIRE_RETURNED));
            case LOCK_RELEASED -> lock(lockRecord(line, MmapLockRecord.Kind.RELEASED));
            case LIBC_OPEN -> libcOpen(line);
            case IGNORED -> counters.ignored(line.event());
        }
    }

    /** /proc/self/maps, /proc/thread-self/maps, /proc/PID/maps, /proc/PID/task/TID/maps. */
    private static final java.util.regex.Pattern PROC_MAPS =
            java.util.regex.Pattern.compile("/proc/(self|thread-self|\\d+)(?:/task/\\d+)?/maps");

    /** A uprobe on the C library's open64/openat64 (vmalab record --maps-readers): an open of a maps file. */
    private void libcOpen(PerfLine line) {
        closeFault(line.tid());
        String args = line.args();
        int from = args.indexOf("path=\"");
        int to = args.lastIndexOf('"');
        if (from < 0 || to < from + 6) {
            counters.ignored("open of an unreadable path");
            return;
        }
        java.util.regex.Matcher m = PROC_MAPS.matcher(args.substring(from + 6, to));
        if (!m.matches()) {
            counters.ignored("open of another file");
            return;
        }
        int pid = pidOf(line);
        int target = m.group(1).startsWith("s") || m.group(1).startsWith("t") ? pid
                : pidOfThread.getOrDefault(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(1)));
        if (spaces.get(target) == null) {
            counters.ignored("maps read of a process outside the trace");
            return;
        }
        announce(pid, line);
        // One maps_read per open: replay walks every VMA, as reading the whole file does (fs/proc/task_mmu.c).
        emit(new MapsRead(line.timeNs(), pid, line.tid(), target), false);
    }

    private static MmapLockRecord lockRecord(PerfLine line, MmapLockRecord.Kind kind) {
        return MmapLockRecord.parse(kind, line.tid(), line.timeNs(), line.args());
    }

    /** The start_locking record waiting for its callchain is complete. */
    private void finishStartLocking() {
        if (startLocking == null) return;
        MmapLockRecord r = startLocking.withStack(frames.toString());
        startLocking = null;
        frames.setLength(0);
        lock(r);
    }

    private void lock(MmapLockRecord r) {
        String ignored = locks.accept(r, pending.containsKey(r.tid()));
        counters.ignored(ignored != null ? ignored : "mmap_lock record read into an outcome");
    }

    /** Thread {@code tid} does something else: its held fault's outcome is final. */
    private void closeFault(int tid) {
        Held h = openFault.remove(tid);
        locks.threadMoved(tid);
        if (h == null) return;
        KernelFaultOutcome outcome = h.locking.outcome(locks.seenLockRecords());
        counters.kernelOutcome(outcome);
        if (outcome != KernelFaultOutcome.UNKNOWN) h.event = ((FaultEvent) h.event).withKernelOutcome(outcome);
        h.ready = true;
    }

    /** Hands out the events before the first fault still waiting for its outcome. */
    private void release() {
        while (!held.isEmpty()) {
            Held head = held.peek();
            if (!head.ready) {
                if (held.size() <= HOLD_LIMIT) return;
                closeFault(head.event.tid());
            }
            out.accept(held.poll().event);
        }
    }

    private void fault(PerfLine line) {
        closeFault(line.tid());
        long[] a = PerfArgs.fault(line.args());
        int pid = pidOf(line);
        AddressSpace space = spaces.get(pid);
        if (space == null || space.vmas().isEmpty()) {
            throw new Problem(ImportProblem.FAULT_BEFORE_ANY_MAPPING, "process " + pid + " (thread " + line.tid()
                    + ") faults at 0x" + Long.toHexString(a[0]) + " before any mapping is known");
        }
        announce(pid, line);
        FaultEvent.Access access = FaultEvent.accessOf((int) a[2]);
        if (space.vmas().find(a[0]) == null) {
            Vma inferred = MappingInference.infer(space.vmas(), a[0], access);
            if (inferred != null) {
                counters.inferredMappings++;
                emit(new InitialMapping(line.timeNs(), pid, line.tid(), inferred.start(), inferred.end(),
                        inferred.prot(), inferred.flags(), 0, inferred.name(), true), false);
            } else {
                counters.faultsHittingNothing++;
            }
        }
        FaultEvent fault = new FaultEvent(line.timeNs(), pid, line.tid(), a[0], a[1], access, (int) a[2]);
        spaces.apply(fault);
        counters.emitted(fault, false);
        Held h = new Held(fault, locks.faultStarted(line.tid()));
        openFault.put(line.tid(), h);
        held.add(h);
    }

    private void enter(PerfLine line, Syscall syscall) {
        closeFault(line.tid());
        long[] args = PerfArgs.syscallEnter(line.args(), syscall.argCount(), syscall.tracepointName());
        int negative = syscall.negativeLength(args);
        if (negative >= 0) {
            throw new Problem(ImportProblem.NEGATIVE_LENGTH, syscall.tracepointName() + " argument " + (negative + 1)
                    + " is " + args[negative]);
        }
        PendingCall previous = pending.put(line.tid(), new PendingCall(syscall, args, lineNumber));
        locks.syscallEntered(line.tid());
        if (previous != null) {
            problem(ImportProblem.ENTER_WITHOUT_EXIT, ImportProblem.ENTER_WITHOUT_EXIT.label() + ": thread " + line.tid() + " entered "
                    + previous.syscall().tracepointName() + " on line " + previous.lineNumber()
                    + " and never left it before entering " + syscall.tracepointName(), lineNumber);
        }
    }

    private void exit(PerfLine line, Syscall syscall) {
        closeFault(line.tid());
        long result = PerfArgs.syscallExit(line.args());
        PendingCall call = pending.get(line.tid());
        if (call == null || call.syscall() != syscall) {
            throw new Problem(ImportProblem.EXIT_WITHOUT_ENTER, "sys_exit_" + syscall.tracepointName()
                    + " of thread " + line.tid() + (call == null ? " with no call in progress"
                    : " while it is in " + call.syscall().tracepointName()));
        }
        pending.remove(line.tid());
        MmapLockTimes lock = locks.syscallExited(line.tid(), line.timeNs());
        int pid = pidOf(line);
        MmapLockWriter event = syscall.event(line.timeNs(), pid, line.tid(), call.args(), result);
        EventChecks.Problem impossible = EventChecks.check(event, Long.MIN_VALUE); // time order: checked per line
        if (impossible != null) throw new Problem(impossible);
        announce(pid, line);
        emit(lock != null ? event.withMmapLock(lock) : event, false);
    }

    private void mmap(PerfLine line, PerfArgs.Mmap m) {
        if (m.pid() < 0 || m.pid() == 0) {
            counters.ignored("kernel mapping record");
            return;
        }
        pidOfThread.put(m.tid(), m.pid());
        closeFault(m.tid());
        if (pending.containsKey(m.tid())) {
            // perf reports file mmaps (and mprotect adding PROT_EXEC) as MMAP2 too; the syscall already says it.
            counters.ignored("MMAP2 of a traced syscall");
            return;
        }
        announce(m.pid(), line.timeNs(), m.tid(), line.comm());
        emit(new InitialMapping(line.timeNs(), m.pid(), m.tid(), m.start(), m.start() + Pages.up(m.length()),
                m.prot(), m.flags(), m.pgoff(), m.path(), false), false);
    }

    private void fork(PerfLine line, int[] ids) {
        int childPid = ids[0], childTid = ids[1], parentPid = ids[2], parentTid = ids[3];
        closeFault(parentTid);
        pidOfThread.put(childTid, childPid);
        if (childPid == parentPid) {
            announce(parentPid, line.timeNs(), parentTid, line.comm());
            if (!spaces.get(parentPid).hasThread(childTid)) {
                emit(new ThreadStart(line.timeNs(), parentPid, childTid, parentTid), false);
            }
        } else {
            emit(new ProcessStart(line.timeNs(), childPid, childTid, parentPid, ProcessStart.How.FORK, line.comm()),
                    true);
        }
    }

    private void comm(PerfLine line, PerfArgs.Comm c) {
        pidOfThread.put(c.tid(), c.pid());
        closeFault(c.tid());
        if (!c.exec()) {
            counters.ignored("PERF_RECORD_COMM without exec");
            return;
        }
        // exec: a new program in the same process; its old mappings are gone.
        emit(new ProcessStart(line.timeNs(), c.pid(), c.tid(), c.pid(), ProcessStart.How.EXEC, c.name()),
                spaces.get(c.pid()) == null);
    }

    private void exit(PerfLine line, int[] ids) {
        int pid = ids[0], tid = ids[1];
        closeFault(tid);
        pidOfThread.remove(tid);
        if (pending.remove(tid) != null) counters.unfinishedSyscalls++;
        AddressSpace space = spaces.get(pid);
        if (space == null || !space.hasThread(tid)) {
            counters.ignored("exit of an unknown thread");
            return;
        }
        emit(new ThreadExit(line.timeNs(), pid, tid), false);
    }

    private int pidOf(PerfLine line) {
        if (line.pid() >= 0) {
            pidOfThread.put(line.tid(), line.pid());
            return line.pid();
        }
        // Default layout: only the tid is printed; a thread never seen in a task record leads its own process.
        return pidOfThread.getOrDefault(line.tid(), line.tid());
    }

    private void announce(int pid, PerfLine line) {
        announce(pid, line.timeNs(), line.tid(), line.comm());
    }

    /** Makes sure the process and the thread exist in the trace before an event of theirs. */
    private void announce(int pid, long timeNs, int tid, String comm) {
        AddressSpace space = spaces.get(pid);
        if (space == null) {
            // Already running when recording began (perf record -p, or a lost FORK record).
            emit(new ProcessStart(timeNs, pid, pid, pid, ProcessStart.How.EXEC, comm), true);
            space = spaces.get(pid);
        }
        if (!space.hasThread(tid)) {
            emit(new ThreadStart(timeNs, pid, tid, pid), false);
        }
    }

    private void emit(TraceEvent event, boolean newProcess) {
        spaces.apply(event);
        counters.emitted(event, newProcess);
        held.add(new Held(event, null));
    }
}
