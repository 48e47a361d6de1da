package dev.vmalab.model.lookup;

/**
 * The per-VMA-lock event counters (include/linux/vm_event_item.h,
 * CONFIG_PER_VMA_LOCK_STATS: vma_lock_success/abort/miss), one set per
 * thread like the kernel's per-CPU counters, plus what replay needs per lookup.
 *
 * <p>Identities (each lookup ends in exactly one of success or abort):
 * {@code success + abort == lookups}, {@code fallback == abort}. A maps
 * iteration step counts as a lookup: its fallback to mmap_lock counts as an
 * abort. Strategies without per-VMA locks count every lookup as an abort.
 */
public final class VmaLockStats {
    public long lookups;
    public long success;
    public long abort;
    /** VMA_LOCK_MISS: vma_start_read() found the VMA detached; each one is a walk retry. */
    public long miss;
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
        fallback += o.fallback;
        maxMissesInOneLookup = Math.max(maxMissesInOneLookup, o.maxMissesInOneLookup);
    }

    @Override
    public String toString() {
        return "lookups=%d success=%d abort=%d miss=%d fallback=%d retry_max=%d"
                .formatted(lookups, success, abort, miss, fallback, maxMissesInOneLookup);
    }
}
