package dev.vmalab.traces.vma;

import java.util.HashSet;
import java.util.Set;

/** One process's mm as tracked from a trace: its mappings, its program break, its live threads. */
public final class AddressSpace {
    private final int pid;
    private final VmaSet vmas;
    private final Set<Integer> threads = new HashSet<>();
    /** start_brk, learnt from the first brk() result (glibc starts with brk(0)); -1 until then. */
    private long brkStart = -1;
    private long brk = -1;

    AddressSpace(int pid, VmaSet vmas) {
        this.pid = pid;
        this.vmas = vmas;
        threads.add(pid);
    }

    /** The child's mm after fork (dup_mmap): a copy of the mappings and of the break. */
    AddressSpace fork(int childPid) {
        AddressSpace child = new AddressSpace(childPid, vmas.copy());
        child.brkStart = brkStart;
        child.brk = brk;
        return child;
    }

    public int pid() {
        return pid;
    }

    public VmaSet vmas() {
        return vmas;
    }

    public boolean hasThread(int tid) {
        return threads.contains(tid);
    }

    Set<Integer> threads() {
        return threads;
    }

    /** The heap is [brkStart, brk) rounded to pages; growing maps, shrinking unmaps, as sys_brk does. */
    void brk(long result) {
        if (brkStart < 0) {
            brkStart = result;
            brk = result;
            return;
        }
        long oldEnd = Pages.up(brk);
        long newEnd = Pages.up(Math.max(result, brkStart));
        if (newEnd > oldEnd) {
            vmas.map(new Vma(oldEnd, newEnd, Vma.PROT_READ | Vma.PROT_WRITE, Vma.MAP_PRIVATE | Vma.MAP_ANONYMOUS,
                    "[heap]", 0, Vma.Origin.SYSCALL));
        } else if (newEnd < oldEnd) {
            vmas.unmap(newEnd, oldEnd - newEnd);
        }
        brk = result;
    }
}
