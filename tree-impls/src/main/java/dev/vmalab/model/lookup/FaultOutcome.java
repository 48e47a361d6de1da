package dev.vmalab.model.lookup;

/** How a page fault's VMA lookup ended. */
public enum FaultOutcome {
    /** Handled under the per-VMA lock (VMA_LOCK_SUCCESS). */
    PER_VMA,
    /**
     * Handled under the per-VMA lock, with mmap_read_trylock() taken to give the VMA an
     * anon_vma (mm/memory.c: __vmf_anon_prepare); counted VMA_LOCK_SUCCESS.
     */
    ANON_TRYLOCK,
    /** Handled under mmap_read_lock after the per-VMA attempt gave up (lock_mm_and_find_vma). */
    FALLBACK,
    /**
     * The per-VMA attempt succeeded but vmf_anon_prepare()'s trylock failed: VM_FAULT_RETRY,
     * counted VMA_LOCK_RETRY, and the fault was redone under lock_mm_and_find_vma().
     */
    ANON_RETRY,
    /**
     * The per-VMA attempt succeeded but the VMA's vm_ops have no ->map_pages (a special mapping: vdso, vvar):
     * vmf_can_call_fault() (mm/memory.c) returned VM_FAULT_RETRY, counted VMA_LOCK_RETRY, and the fault was
     * redone under lock_mm_and_find_vma(). Deterministic: it does not hang on timing.
     */
    SPECIAL_RETRY,
    /** No VMA, or the access is not allowed: the process would get SIGSEGV. */
    SEGV
}
