package dev.vmalab.model.lookup;

/**
 * The per-VMA-lock event counters (include/linux/vm_event_item.h,
 * CONFIG_PER_VMA_LOCK_STATS: vma_lock_success/abort/retry/miss), one set per
 * thread like the kernel's per-CPU counters, plus what replay needs per lookup.
 *
 * <p>Identities (each lookup ends in exactly one of success, abort or retry):
 * {@code success + abort + retry == lookups}, {@code fallback == abort + retry}. A maps
 * iteration step counts as a lookup: its fallback to mmap_lock counts as an
 * abort. Strategies without per-VMA locks count every lookup as an abort.
 */
public final class VmaLockStats {
    public long lookups;
    public long success;
    public long abort;
    /** VMA_LOCK_MISS: vma_start_read() found the VMA detached; each one is a walk retry. */
    public long miss;
    /**
     * VMA_LOCK_RETRY: the per-VMA lock was taken but handle_mm_fault() returned VM_FAULT_RETRY
     * (vmf_anon_prepare()'s mmap_read_trylock failed), so the fault was redone under mmap_lock.
     * The kernel counts no VMA_LOCK_SUCCESS for such a fault.
     */
    public long retry;
    public long fallback;
    /** Misses in the lookup now running (reset by {@link #beginLookup()}). */
    public int missesThisLookup;
    public int maxMissesInOneLookup;

    public void beginLookup() {
        lookups++;
        missesThisLookup = 0;
    }

    public void countMiss() {
        miss++;
        if (++missesThisLookup > maxMissesInOneLookup) maxMissesInOneLookup = missesThisLookup;
    }

    public void add(VmaLockStats o) {
        lookups += o.lookups;
        success += o.success;
        abort += o.abort;
        miss += o.miss;
        retry += o.retry;
        fallback += o.fallback;
        maxMissesInOneLookup = Math.max(maxMissesInOneLookup, o.maxMissesInOneLookup);
    }

    @Override
    public String toString() {
        return "lookups=%d success=%d abort=%d miss=%d fallback=%d retry=%d retry_max=%d"
                .formatted(lookups, success, abort, miss, fallback, retry, maxMissesInOneLookup);
    }
}
