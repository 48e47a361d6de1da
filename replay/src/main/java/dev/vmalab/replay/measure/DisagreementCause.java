package dev.vmalab.replay.measure;

import java.util.Locale;

/**
 * Why the model and the recording kernel did different things with one fault, from what the model knows at
 * that fault ({@link KernelCompare}). The first two are deterministic (no timing can explain them: the model
 * lacks something the kernel has); the others hang on timing, which a replay reproduces only in part.
 */
public enum DisagreementCause {
    /** The fault's VMA is a special mapping (no ->map_pages: vmf_can_call_fault's retry) and they still differ. */
    SPECIAL_MAPPING(true, "the VMA is a special mapping (vdso/vvar: vm_ops without ->map_pages)"),
    /** One of them gave the VMA an anon_vma (__vmf_anon_prepare) and the other found one or needed none. */
    ANON_VMA_NEED_DIFFERS(true, "model and kernel disagree whether the fault needed an anon_vma"),
    /**
     * The model found no VMA for the fault (SIGSEGV under mmap_lock) where the kernel served it per-VMA: a
     * mapping the trace does not show, or the replay ran the fault after another worker's unmap or exit.
     */
    MODEL_LACKS_MAPPING(false, "the model has no VMA where the kernel served the fault: a mapping the trace "
            + "lacks, or the replay ran the fault after another worker's unmap"),
    /** The kernel left the per-VMA path while another thread's recorded mmap_lock write hold covered the fault. */
    WRITER_OVERLAP(false, "the kernel saw mmap_lock held: a recorded writer's hold covers the fault's time"),
    /**
     * The kernel left the per-VMA path while another thread's writer was queued for mmap_lock (format 3's
     * recorded wait): a queued writer fails mmap_read_trylock() (RWSEM_FLAG_WAITERS in
     * kernel/locking/rwsem.c's RWSEM_READ_FAILED_MASK), so __vmf_anon_prepare() returns VM_FAULT_RETRY.
     */
    WRITER_WAITING(false, "the kernel's mmap_read_trylock failed: a recorded writer was queued for mmap_lock"),
    /**
     * The kernel left the per-VMA path while another thread's mapping syscall was under way (after that
     * thread's previous event, before its exit) and took mmap_lock for write: its hold may have covered the
     * fault (the trace records the hold's length, not when in the call it was).
     */
    WRITER_MAY_OVERLAP(false, "a recorded writer was in its syscall then; its hold may have covered the fault"),
    /** The kernel left the per-VMA path and no recorded writer hold explains it. */
    NO_WRITER_OVERLAP(false, "the kernel left the per-VMA path and no recorded writer hold covers the fault"),
    /** The model left the per-VMA path (its replay's own writer timing) and the kernel did not. */
    MODEL_ONLY_CONTENTION(false, "the model met a writer in its replay's timing that the kernel did not meet");

    private final boolean deterministic;
    private final String meaning;

    DisagreementCause(boolean deterministic, String meaning) {
        this.deterministic = deterministic;
        this.meaning = meaning;
    }

    public boolean deterministic() {
        return deterministic;
    }

    public String meaning() {
        return meaning;
    }

    /** The name in the result files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
