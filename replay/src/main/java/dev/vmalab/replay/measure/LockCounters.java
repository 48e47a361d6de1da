package dev.vmalab.replay.measure;

import dev.vmalab.model.lookup.VmaLockStats;

/** The kernel's vma_lock_* counters summed over workers (see {@link VmaLockStats} for the identities). */
public record LockCounters(long lookups, long success, long abort, long miss, long fallback, long retryMax, long retry) {
    public static LockCounters of(VmaLockStats s) {
        return new LockCounters(s.lookups, s.success, s.abort, s.miss, s.fallback, s.maxMissesInOneLookup, s.retry);
    }
}
