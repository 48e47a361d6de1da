package dev.vmalab.model.lookup;

/**
 * The per-VMA-lock event counters (include/linux/vm_event_item.h,
 * CONFIG_PER_VMA_LOCK_STATS: vma_lock_success/abort/retry/miss), one set per
 * thread like the kernel's per-CPU counters, plus what replay needs per lookup.
 *
 * <p>Identities (each lookup ends in exactly one of success, abort or retry):
 * {@code success + abort + retry == lookups}, {@code fallback == abort + retry}.
 * Strategies without per-VMA locks count every lookup as an abort. These
 * count the fault path only, as the kernel does: lock_next_vma() (the
 * /proc/PID/maps reader) counts no vmstat event; its steps go to the maps
 * block below, the lab's own counts.
 */
public final class VmaLockStats {
    public long lookups;
    public long success;
    public long abort;
    /** VMA_LOCK_MISS: vma_start_read() found the VMA detached; each one is a walk retry. */
    public long miss;
    /**
     * VMA_LOCK_RETRY: the per-VMA lock was taken but handle_mm_fault() returned VM_FAULT_RETRY
     * (vmf_anon_prepare()'s mmap_read_trylock failed, or vmf_can_call_fault() found no ->map_pages),
     * so the fault was redone under mmap_lock.
     * The kernel counts no VMA_LOCK_SUCCESS for such a fault.
     */
    public long retry;
    public long fallback;
    /** Misses in the lookup now running (reset by {@link #beginLookup()}). */
    public int missesThisLookup;
    public int maxMissesInOneLookup;
    /** The lookup now running met a VMA without ->map_pages (a special mapping), on either path. */
    public boolean noMapPagesThisLookup;
    /** The fault now running gave its VMA an anon_vma (vmf_anon_prepare() found none), on either path. */
    public boolean anonPreparedThisLookup;

    // ---- /proc/PID/maps reader (lock_next_vma()), apart from the vmstat counters above ----
    /** lock_next_vma() calls (the last one of a read finds no VMA). */
    public long mapsSteps;
    /** -EAGAIN in lock_next_vma(): {@code vma_iter_set(vmi, from_addr); goto retry}. */
    public long mapsRetries;
    /** Gaps verified by walking again (vma_iter_set + vma_next) because mmap_lock speculation failed. */
    public long mapsGapRewalks;
    /** Steps that took mmap_read_lock: lock_next_vma_under_mmap_lock(). */
    public long mapsFallbacks;

    public void beginLookup() {
        lookups++;
        missesThisLookup = 0;
        noMapPagesThisLookup = false;
        anonPreparedThisLookup = false;
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
        mapsSteps += o.mapsSteps;
        mapsRetries += o.mapsRetries;
        mapsGapRewalks += o.mapsGapRewalks;
        mapsFallbacks += o.mapsFallbacks;
    }

    @Override
    public String toString() {
        return "lookups=%d success=%d abort=%d miss=%d fallback=%d retry=%d retry_max=%d"
                .formatted(lookups, success, abort, miss, fallback, retry, maxMissesInOneLookup)
                + " maps_steps=%d maps_retries=%d maps_gap_rewalks=%d maps_fallbacks=%d"
                .formatted(mapsSteps, mapsRetries, mapsGapRewalks, mapsFallbacks);
    }
}
