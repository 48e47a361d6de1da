package dev.vmalab.traces.generate;

import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.InitialMapping;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.MapsRead;
import dev.vmalab.traces.event.ProcessStart;
import dev.vmalab.traces.event.ProtectEvent;
import dev.vmalab.traces.event.ThreadExit;
import dev.vmalab.traces.event.ThreadStart;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.event.UnmapEvent;
import dev.vmalab.traces.vma.AddressSpaces;
import dev.vmalab.traces.vma.Pages;
import dev.vmalab.traces.vma.Vma;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Writes a synthetic trace the way a process would make it: a clock that only moves
 * forward, processes with the mappings exec gives them (text, stack), syscalls
 * that succeed, and faults that are checked against the mappings as they are at
 * that moment (the same {@link AddressSpaces} tracker the importer uses), so a
 * generator cannot emit a fault into nothing by mistake.
 */
final class SyntheticTrace {
    /** Where the generators place their mappings: below a typical x86-64 mmap_base. */
    static final long MMAP_TOP = 0x7f00_0000_0000L;
    /** A PIE's load address as with ASLR off. */
    static final long TEXT_BASE = 0x5555_5555_4000L;
    static final long TEXT_LENGTH = 64 * Pages.PAGE_SIZE;
    /** The main stack exec sets up: 33 pages below the top of the user address space. */
    static final long STACK_END = 0x7fff_ffff_f000L;
    static final long STACK_LENGTH = 33 * Pages.PAGE_SIZE;
    static final int MAP_FIXED = 0x10;
    /** x86 page-fault error code bits: user mode, write. */
    static final int PF_USER = 0x4, PF_WRITE = 0x2;

    private final Consumer<TraceEvent> out;
    private final RandomGenerator random;
    private final AddressSpaces spaces = new AddressSpaces();
    private long now = 1_000_000_000L;

    SyntheticTrace(Consumer<TraceEvent> out, RandomGenerator random) {
        this.out = out;
        this.random = random;
    }

    RandomGenerator random() {
        return random;
    }

    /** Advances the clock by 0.1 to 2 us, the spacing of faults in a busy process. */
    long tick() {
        now += 100 + random.nextInt(1900);
        return now;
    }

    private void emit(TraceEvent e) {
        spaces.apply(e);
        out.accept(e);
    }

    /** A process after exec: its text and stack, made by exec, so they come as initial mappings. */
    void startProcess(int pid, String comm) {
        emit(new ProcessStart(tick(), pid, pid, pid, ProcessStart.How.EXEC, comm));
        emit(new InitialMapping(now, pid, pid, TEXT_BASE, TEXT_BASE + TEXT_LENGTH, Vma.PROT_READ | Vma.PROT_EXEC,
                Vma.MAP_PRIVATE, 0, "/usr/bin/" + comm, false));
        emit(new InitialMapping(now, pid, pid, STACK_END - STACK_LENGTH, STACK_END, Vma.PROT_READ | Vma.PROT_WRITE,
                Vma.MAP_PRIVATE | Vma.MAP_ANONYMOUS, 0, "[stack]", false));
    }

    void startThread(int pid, int tid, int parentTid) {
        emit(new ThreadStart(tick(), pid, tid, parentTid));
    }

    void exitThread(int pid, int tid) {
        emit(new ThreadExit(tick(), pid, tid));
    }

    /** mmap(addr, length, prot, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED) = addr. */
    void mapFixed(int pid, int tid, long addr, long length, int prot) {
        emit(new MapEvent(tick(), pid, tid, addr, length, prot, Vma.MAP_PRIVATE | Vma.MAP_ANONYMOUS | MAP_FIXED, -1, 0,
                addr));
    }

    void unmap(int pid, int tid, long addr, long length) {
        emit(new UnmapEvent(tick(), pid, tid, addr, length, 0));
    }

    void protect(int pid, int tid, long addr, long length, int prot) {
        emit(new ProtectEvent(tick(), pid, tid, addr, length, prot, 0));
    }

    void readMaps(int pid, int tid, int targetPid) {
        emit(new MapsRead(tick(), pid, tid, targetPid));
    }

    /** The mapping at {@code address} in {@code pid} now, or null. */
    Vma vmaAt(int pid, long address) {
        return spaces.get(pid).vmas().find(address);
    }

    /**
     * A fault on the page at {@code address}: a write where the mapping allows it,
     * else a read; from an instruction in the process's text.
     */
    void fault(int pid, int tid, long address, boolean wantWrite) {
        Vma vma = vmaAt(pid, address);
        if (vma == null) {
            throw new IllegalStateException("generator bug: fault at 0x" + Long.toHexString(address)
                    + " hits no mapping of process " + pid);
        }
        boolean write = wantWrite && (vma.prot() & Vma.PROT_WRITE) != 0;
        int errorCode = PF_USER | (write ? PF_WRITE : 0);
        long ip = TEXT_BASE + random.nextLong(TEXT_LENGTH / 16) * 16;
        emit(new FaultEvent(tick(), pid, tid, Pages.down(address), ip, FaultEvent.accessOf(errorCode), errorCode));
    }

    /** A random page of {@code vma}. */
    long pageIn(Vma vma) {
        return vma.start() + random.nextLong(vma.length() / Pages.PAGE_SIZE) * Pages.PAGE_SIZE;
    }
}
