package dev.vmalab.traces.event;

/**
 * What the recording kernel did for one user page fault, read from the
 * {@code mmap_lock:*} tracepoints (a {@code write=false} mmap_lock acquisition whose
 * kernel callchain holds the named function, attributed to the fault before it on the
 * same thread; perf/KernelOutcomes in the importer).
 */
public enum KernelFaultOutcome {
    /** The trace has no mmap_lock records (older recording, or a kernel without the tracepoints). */
    UNKNOWN,
    /** No fault-path mmap_lock acquisition: served under the per-VMA lock (VMA_LOCK_SUCCESS). */
    PER_VMA,
    /**
     * Served under mmap_lock by {@code lock_mm_and_find_vma()} (mm/mmap_lock.c): lock_vma_under_rcu() gave up
     * (VMA_LOCK_ABORT / MISS, e.g. the VMA write-locked by another thread's mmap), or the per-VMA attempt
     * returned VM_FAULT_RETRY for another reason: vmf_can_call_fault() (mm/memory.c) retries a ->fault
     * without ->map_pages under the VMA lock (the vdso/vvar special mappings: every exec'd process has a
     * couple), or waiting for I/O on a file page. The trace cannot tell these apart.
     */
    LOCK_MM_FALLBACK,
    /** {@code __vmf_anon_prepare()} (mm/memory.c) trylocked mmap_lock to give the VMA an anon_vma and got it. */
    ANON_TRYLOCK_TAKEN,
    /**
     * That trylock failed: VM_FAULT_RETRY (VMA_LOCK_RETRY), and the fault was redone under
     * lock_mm_and_find_vma (one outcome, not also a LOCK_MM_FALLBACK).
     */
    ANON_RETRY;

    /** Whether the kernel served the fault under mmap_lock (left the per-VMA path). */
    public boolean leftPerVmaPath() {
        return this == LOCK_MM_FALLBACK || this == ANON_RETRY;
    }
}
