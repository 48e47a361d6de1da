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
 * expansion. handle_mm_fault() is reduced to what changes VMAs or takes
 * mmap_lock: a fault that allocates an anonymous page in a VMA without an
 * anon_vma runs vmf_anon_prepare() (page tables are not modelled).
 *
 * <p>Counting as do_user_addr_fault does: VMA_LOCK_SUCCESS only when
 * handle_mm_fault() under the per-VMA lock did not return VM_FAULT_RETRY (an
 * access error counts as a success too); VM_FAULT_RETRY counts VMA_LOCK_RETRY
 * and the fault is redone under lock_mm_and_find_vma().
 * The other VM_FAULT_RETRY the model has is vmf_can_call_fault() (mm/memory.c; read in Debian's 6.12, lines
 * 3272, 5288 should_fault_around, 5317 do_read_fault, 5339 do_cow_fault, 5381 do_shared_fault, and the same
 * in linux-mm/linux-mm 009857a2, a 6.16+ tree; arch/x86/mm/fault.c:1344 counts VMA_LOCK_RETRY and goes to
 * lock_mmap): a fault on a missing page of a VMA whose vm_ops have no ->map_pages
 * under FAULT_FLAG_VMA_LOCK does vma_end_read() and returns VM_FAULT_RETRY (do_read_fault: should_fault_around()
 * is false without ->map_pages, then vmf_can_call_fault(); do_cow_fault and do_shared_fault call it first).
 * In a traced process those VMAs are the special mappings (special_mapping_vmops, mm/mmap.c:2109: .close, .fault,
 * .mremap, .name, .may_split, no .map_pages): the vdso and vvar pages exec installs, which every process
 * faults in once each ({@link FaultOutcome#SPECIAL_RETRY}).
 * Left out: other VM_FAULT_RETRY sources (I/O and folio-lock waits, swap-in,
 * userfaultfd, wp_page_shared/wp_pfn_shared's vmf_can_call_fault for a ->page_mkwrite or ->pfn_mkwrite
 * without ->map_pages, which no file system the traces map has); a trace has no
 * page-cache state, so they could only add fallbacks the model does not show.
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
                if (!accessAllowed(vma, write, exec)) { // bad_area_access_error(): counted a success
                    stats.success++;
                    Mm.vmaEndRead(vma);
                    return FaultOutcome.SEGV;
                }
                if (!vma.hasMapPages()) { // do_fault() -> vmf_can_call_fault(): VM_FAULT_RETRY, counted VMA_LOCK_RETRY
                    stats.noMapPagesThisLookup = true;
                    Mm.vmaEndRead(vma);
                    stats.retry++;
                    stats.fallback++;
                    return lockMmAndFindVma(mm, address, write, exec, t, stats) ? FaultOutcome.SPECIAL_RETRY
                            : FaultOutcome.SEGV;
                }
                boolean anon = needsAnonVma(vma, address, write);
                if (anon) stats.anonPreparedThisLookup = true;
                if (anon && !mm.mmapReadTryLock(t)) {
                    // vmf_anon_prepare() (mm/internal.h): vma_end_read(), VM_FAULT_RETRY; counted VMA_LOCK_RETRY
                    Mm.vmaEndRead(vma);
                    stats.retry++;
                    stats.fallback++;
                    return lockMmAndFindVma(mm, address, write, exec, t, stats) ? FaultOutcome.ANON_RETRY : FaultOutcome.SEGV;
                }
                if (anon) { // __vmf_anon_prepare(): __anon_vma_prepare() under the trylocked mmap_lock
                    vma.anonVmaPrepare(mm.kernel().step());
                    mm.mmapReadUnlock(t);
                }
                Mm.vmaEndRead(vma);
                stats.success++;
                return anon ? FaultOutcome.ANON_TRYLOCK : FaultOutcome.PER_VMA;
            }
        } else {
            stats.abort++; // no per-VMA attempt: counted as an abort so the identities hold
        }
        stats.fallback++;
        return lockMmAndFindVma(mm, address, write, exec, t, stats) ? FaultOutcome.FALLBACK : FaultOutcome.SEGV;
    }

    /** lock_mm_and_find_vma() + handle_mm_fault() + mmap_read_unlock(). Returns false for SIGSEGV. */
    private static boolean lockMmAndFindVma(Mm mm, long address, boolean write, boolean exec, Task t,
                                            VmaLockStats stats) {
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
        if (ok) {
            if (!vma.hasMapPages()) stats.noMapPagesThisLookup = true;
            if (needsAnonVma(vma, address, write)) stats.anonPreparedThisLookup = true;
            handleMmFault(mm, vma, address, write);
        }
        mm.mmapReadUnlock(t);
        return ok;
    }

    private static boolean accessAllowed(Vma vma, boolean write, boolean exec) {
        int f = vma.flags();
        if (write) return (f & VmaFlags.WRITE) != 0;
        if (exec) return (f & VmaFlags.EXEC) != 0;
        return (f & (VmaFlags.READ | VmaFlags.WRITE | VmaFlags.EXEC)) != 0;
    }

    /** handle_mm_fault() under mmap_lock: vmf_anon_prepare() needs no trylock there. */
    private static void handleMmFault(Mm mm, Vma vma, long address, boolean write) {
        if (needsAnonVma(vma, address, write)) vma.anonVmaPrepare(mm.kernel().step());
    }

    /**
     * Whether this fault calls vmf_anon_prepare() on a VMA that has no anon_vma: a write to a
     * private mapping (do_anonymous_page, do_cow_fault, wp_page_copy); a read of private
     * anonymous memory maps the zero page and needs none, except in a THP-eligible VMA
     * (do_huge_pmd_anonymous_page prepares first; see {@link #isThpAnonymousFault}).
     */
    static boolean needsAnonVma(Vma vma, long address, boolean write) {
        if (!vma.needsAnonVma()) return false;
        return write || isThpAnonymousFault(vma, address);
    }

    private static final long HPAGE_PMD_SIZE = 2L << 20;

    /**
     * A read of anonymous memory that takes the PMD path (mm/huge_memory.c:
     * do_huge_pmd_anonymous_page, which calls vmf_anon_prepare() before mapping the huge zero
     * page). Simplification: THP "madvise" mode (this lab's machine) is assumed, so only
     * MADV_HUGEPAGE VMAs qualify, and the 2 MiB block holding the address must fit in the VMA
     * (thp_vma_suitable_order).
     */
    private static boolean isThpAnonymousFault(Vma vma, long address) {
        if (!vma.isAnonymous() || (vma.flags() & VmaFlags.HUGEPAGE) == 0) return false;
        long haddr = address & -HPAGE_PMD_SIZE;
        return haddr >= vma.start() && haddr + HPAGE_PMD_SIZE <= vma.end();
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
