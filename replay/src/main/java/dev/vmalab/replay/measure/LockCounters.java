package dev.vmalab.replay.measure;

import dev.vmalab.model.lookup.VmaLockStats;

/**
 * The kernel's vma_lock_* counters summed over workers (see {@link VmaLockStats} for the identities),
 * fault path only, and apart from them the /proc/PID/maps reader's lock_next_vma() steps, which the
 * kernel counts in no vmstat event.
 */
public record LockCounters(long lookups, long success, long abort, long miss, long fallback, long retryMax,
                           MapsSteps maps, long retry) {
    /** lock_next_vma() calls, their -EAGAIN retries, gap re-walks and mmap_lock fallbacks. */
    public record MapsSteps(long steps, long retries, long gapRewalks, long fallbacks) {}

    public static LockCounters of(VmaLockStats s) {
        return new LockCounters(s.lookups, s.success, s.abort, s.miss, s.fallback, s.maxMissesInOneLookup,
                new MapsSteps(s.mapsSteps, s.mapsRetries, s.mapsGapRewalks, s.mapsFallbacks), s.retry);
    }
}
