package dev.vmalab.model.lookup;

import dev.vmalab.model.check.Violation;
import dev.vmalab.model.check.ViolationKind;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaFlags;

/**
 * The VMA lookup of a user page fault (arch/x86/mm/fault.c:
 * do_user_addr_fault): the strategy's lock_vma_under_rcu(), then on abort
 * lock_mm_and_find_vma() (mm/memory.c) under mmap_read_lock, including stack
 * expansion. handle_mm_fault() is reduced to what changes VMAs: a first write
 * to anonymous memory gives the VMA an anon_vma (page tables are not modelled).
 */
public final class FaultPath {
    private FaultPath() {}

    /** Stack guard gap (mm/mmap.c: stack_guard_gap, 256 pages): how far below a stack a fault may grow it. */
    public static final long STACK_GUARD_GAP = 256L << 12;

    public static FaultOutcome fault(LookupStrategy strategy, Mm mm, long address, boolean write, boolean exec,
                                     VmaLockStats stats) {
        Task t = mm.kernel().rcu().current();
        t.beginLookup(strategy.name(), address);
        stats.beginLookup();
        if (strategy.usesPerVmaLocks()) {
            Vma vma = strategy.lockVmaUnderRcu(mm, address, stats);
            if (vma != null) {
                checkLocked(mm, vma, address, t);
                stats.success++;
                boolean ok = accessAllowed(vma, write, exec);
                if (ok) handleMmFault(mm, vma, write);
                Mm.vmaEndRead(vma);
                return ok ? FaultOutcome.PER_VMA : FaultOutcome.SEGV;
            }
        } else {
            stats.abort++; // no per-VMA attempt: counted as an abort so the identities hold
        }
        stats.fallback++;
        return lockMmAndFindVma(mm, address, write, exec, t) ? FaultOutcome.FALLBACK : FaultOutcome.SEGV;
    }

    /** lock_mm_and_find_vma() + handle_mm_fault() + mmap_read_unlock(). Returns false for SIGSEGV. */
    private static boolean lockMmAndFindVma(Mm mm, long address, boolean write, boolean exec, Task t) {
        mm.mmapReadLock(t);
        Vma vma = mm.findVma(address);
        if (vma != null && vma.start() > address) {
            if ((vma.flags() & VmaFlags.GROWSDOWN) == 0 || vma.start() - address > STACK_GUARD_GAP) {
                vma = null;
            } else { // expand_stack(): needs the write lock
                mm.mmapReadUnlock(t);
                mm.mmapWriteLock(t);
                vma = mm.findVma(address);
                boolean grown = vma != null && vma.start() > address && (vma.flags() & VmaFlags.GROWSDOWN) != 0
                        && dev.vmalab.model.ops.StackGrowth.expandDownwards(mm, vma, address);
                if (vma != null && !grown && !vma.contains(address)) vma = null;
                mm.mmapWriteUnlock(t);
                mm.mmapReadLock(t);
                vma = vma == null ? null : mm.vmaLookup(address);
            }
        }
        boolean ok = vma != null && accessAllowed(vma, write, exec);
        if (ok) handleMmFault(mm, vma, write);
        mm.mmapReadUnlock(t);
        return ok;
    }

    private static boolean accessAllowed(Vma vma, boolean write, boolean exec) {
        int f = vma.flags();
        if (write) return (f & VmaFlags.WRITE) != 0;
        if (exec) return (f & VmaFlags.EXEC) != 0;
        return (f & (VmaFlags.READ | VmaFlags.WRITE | VmaFlags.EXEC)) != 0;
    }

    private static void handleMmFault(Mm mm, Vma vma, boolean write) {
        if (write && vma.isAnonymous()) vma.anonVmaPrepare(mm.kernel().step());
    }

    /** The lab's own check: a read-locked VMA must be attached, of this mm, and contain the address. */
    private static void checkLocked(Mm mm, Vma vma, long address, Task t) {
        if (!mm.kernel().checks()) return;
        if (vma.mm() != mm || !vma.isAttached() || !vma.contains(address) || vma.isFreed()) {
            mm.kernel().violations().report(new Violation(ViolationKind.WRONG_VMA, t.name(), t.strategy(), address,
                    vma.toString(), "vma mm " + vma.mm() + ", refcnt " + vma.refcount() + ", freed " + vma.isFreed(),
                    "lock_vma_under_rcu() returned a VMA that does not map the address in " + mm,
                    mm.kernel().currentStep()));
        }
    }
}
