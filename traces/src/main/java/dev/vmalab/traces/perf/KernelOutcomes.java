package dev.vmalab.traces.perf;

import dev.vmalab.traces.event.KernelFaultOutcome;
import dev.vmalab.traces.event.MmapLockTimes;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the {@code mmap_lock:*} records of a recording, per thread, into what the kernel did:
 * <ul>
 *   <li>for each user fault, the fault-path mmap_lock acquisitions that follow it on its thread before the
 *   thread does anything else (the {@code page_fault_user} tracepoint fires in handle_page_fault() before
 *   do_user_addr_fault(), arch/x86/mm/fault.c, so a fault's own locking comes after its record);</li>
 *   <li>for each traced mapping syscall, how long it waited for mmap_lock for write, held it, and ran on after
 *   releasing (or downgrading) it before its exit.</li>
 * </ul>
 * A kernel-mode fault inside an untraced syscall (copy_from_user in rt_sigprocmask) that falls back is told
 * apart by its callchain ({@link MmapLockRecord#byKernelModeFault}). Simplification: one that needs an anon_vma
 * is not (max-stack=6 ends before the fault entry) and counts for the thread's last user fault if that is still
 * open (the importer closes it at the thread's next traced record), so it needs an untraced syscall touching a
 * fresh anonymous page right after a fault.
 */
final class KernelOutcomes {
    /** The fault-path locking seen so far for one fault. */
    static final class FaultLocking {
        boolean lockMm;
        boolean anonTrylock;
        boolean anonTaken;
        boolean anonFailed;

        KernelFaultOutcome outcome(boolean traceHasLockRecords) {
            if (!traceHasLockRecords) return KernelFaultOutcome.UNKNOWN;
            // A failed anon trylock returns VM_FAULT_RETRY and the fault is redone under lock_mm_and_find_vma:
            // one ANON_RETRY (mm/memory.c __vmf_anon_prepare, arch/x86/mm/fault.c do_user_addr_fault).
            if (anonFailed) return KernelFaultOutcome.ANON_RETRY;
            if (lockMm) return KernelFaultOutcome.LOCK_MM_FALLBACK;
            if (anonTaken) return KernelFaultOutcome.ANON_TRYLOCK_TAKEN;
            return KernelFaultOutcome.PER_VMA;
        }
    }

    /** Write-lock times of the syscall a thread is in. */
    private static final class Hold {
        long since = -1;
        long totalNs;
        /** The first write start_locking, the first successful write acquisition, the last release or downgrade. */
        long firstRequest = -1, firstAcquired = -1, lastReleased = -1;
    }

    private final Map<Integer, FaultLocking> openFaults = new HashMap<>();
    private final Map<Integer, Hold> holds = new HashMap<>();
    private boolean seenLockRecords;

    boolean seenLockRecords() {
        return seenLockRecords;
    }

    /** Thread {@code tid} faulted: later fault-path acquisitions of that thread are this fault's. */
    FaultLocking faultStarted(int tid) {
        FaultLocking f = new FaultLocking();
        openFaults.put(tid, f);
        return f;
    }

    /** The thread did something else: its open fault (if any) gets no more acquisitions. */
    void threadMoved(int tid) {
        openFaults.remove(tid);
    }

    /** A traced syscall began on {@code tid}. */
    void syscallEntered(int tid) {
        holds.put(tid, new Hold());
    }

    /**
     * The write-lock times of the syscall {@code tid} just left ({@link MmapLockTimes}: wait and tail known when it
     * took the write lock), or null when the trace has no lock records.
     */
    MmapLockTimes syscallExited(int tid, long timeNs) {
        Hold h = holds.remove(tid);
        if (!seenLockRecords || h == null) return null;
        if (h.since >= 0) { // released after the exit record: count up to the exit
            h.totalNs += timeNs - h.since;
            h.lastReleased = timeNs;
        }
        if (h.firstAcquired < 0) return MmapLockTimes.hold(h.totalNs);
        long wait = h.firstRequest >= 0 && h.firstRequest <= h.firstAcquired ? h.firstAcquired - h.firstRequest : MmapLockTimes.UNKNOWN;
        long tail = h.lastReleased >= 0 && h.lastReleased <= timeNs ? timeNs - h.lastReleased : MmapLockTimes.UNKNOWN;
        return new MmapLockTimes(h.totalNs, wait, tail);
    }

    /**
     * One mmap_lock record; {@code inSyscall} says whether its thread is inside a traced syscall.
     * Returns a reason when the record says nothing about a fault or a traced writer (counted as ignored).
     */
    String accept(MmapLockRecord r, boolean inSyscall) {
        // Outcomes need the callchains: text printed without them (-F without ip,sym) leaves them unknown.
        if (r.kind() == MmapLockRecord.Kind.START_LOCKING && !r.stack().isEmpty()) seenLockRecords = true;
        if (!seenLockRecords) return "mmap_lock record without callchains";
        Hold hold = inSyscall ? holds.get(r.tid()) : null;
        if (hold != null) {
            writer(r, hold);
            return null;
        }
        FaultLocking f = openFaults.get(r.tid());
        if (f == null) return r.write() ? "mmap_lock write outside a traced syscall" : "mmap_lock read outside a fault";
        switch (r.kind()) {
            case START_LOCKING -> {
                if (r.byAnonPrepare()) {
                    f.anonTrylock = true;
                } else if (r.byLockMmAndFindVma() && r.byKernelModeFault()) {
                    return "mmap_lock by a kernel-mode fault";
                } else if (r.byLockMmAndFindVma()) {
                    f.lockMm = true;
                } else {
                    return "mmap_lock not on the fault path";
                }
            }
            case ACQUIRE_RETURNED -> {
                if (!r.write() && f.anonTrylock && !f.anonTaken && !f.anonFailed) {
                    if (r.success()) f.anonTaken = true;
                    else f.anonFailed = true;
                }
            }
            case RELEASED -> { }
        }
        return null;
    }

    /** mmap_write_lock ... mmap_write_unlock, or ... mmap_write_downgrade (acquire_returned write=false). */
    private static void writer(MmapLockRecord r, Hold h) {
        switch (r.kind()) {
            case START_LOCKING -> {
                if (r.write() && h.firstRequest < 0) h.firstRequest = r.timeNs();
            }
            case ACQUIRE_RETURNED -> {
                if (r.write() && r.success()) {
                    h.since = r.timeNs();
                    if (h.firstAcquired < 0) h.firstAcquired = r.timeNs();
                } else if (!r.write() && h.since >= 0) { // include/linux/mmap_lock.h mmap_write_downgrade
                    h.totalNs += r.timeNs() - h.since;
                    h.since = -1;
                    h.lastReleased = r.timeNs();
                }
            }
            case RELEASED -> {
                if (r.write() && h.since >= 0) {
                    h.totalNs += r.timeNs() - h.since;
                    h.since = -1;
                    h.lastReleased = r.timeNs();
                }
            }
        }
    }
}
