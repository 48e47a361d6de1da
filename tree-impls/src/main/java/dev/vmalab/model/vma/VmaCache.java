package dev.vmalab.model.vma;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * vm_area_cachep, SLAB_TYPESAFE_BY_RCU (kernel/fork.c): a freed VMA object
 * is reused at once, by any mm. Only the object's type is stable for RCU
 * readers, so vma_start_read() must check vm_refcnt, vm_mm and the range.
 */
public final class VmaCache {
    private final ArrayDeque<Vma> free = new ArrayDeque<>();
    /** Every VMA object ever made, by address: lets a native tree hold VMAs as small integers. */
    private volatile Vma[] byAddress = new Vma[64];
    private final AtomicLong steps;
    private int nextAddress = 1;
    private long reuses;

    public VmaCache(AtomicLong steps) {
        this.steps = steps;
    }

    /** vm_area_alloc(): detached (vm_refcnt 0), vm_lock_seq unlocked. */
    public synchronized Vma allocate(Mm mm) {
        Vma v = free.pollFirst();
        if (v == null) {
            v = new Vma(nextAddress++);
            if (v.address() >= byAddress.length) byAddress = java.util.Arrays.copyOf(byAddress, byAddress.length * 2);
            byAddress[v.address()] = v;
        } else {
            reuses++;
        }
        v.generation++;
        v.freed = false;
        v.freedAt = -1;
        v.allocatedAt = steps.incrementAndGet();
        v.lockSeq = Vma.UNLOCKED_SEQ;
        v.anonVma = 0;
        v.specialMapping = false;
        v.mm = mm;
        return v;
    }

    /** vm_area_free(): no grace period; the object goes back for reuse now. */
    public synchronized void free(Vma v) {
        if (v.freed) throw new IllegalStateException("double free of " + v);
        if (v.refcnt.get() != 0) throw new IllegalStateException("freeing attached " + v + " refcnt " + v.refcnt.get());
        v.freed = true;
        v.freedAt = steps.incrementAndGet();
        free.addFirst(v);
    }

    /** The VMA object at {@code address} (allocated or free), or null: a racy read is fine, objects are never dropped. */
    public Vma byAddress(int address) {
        Vma[] table = byAddress;
        return address > 0 && address < table.length ? table[address] : null;
    }

    public synchronized long reuses() {
        return reuses;
    }
}
