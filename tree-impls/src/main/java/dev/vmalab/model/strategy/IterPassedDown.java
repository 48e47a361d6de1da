package dev.vmalab.model.strategy;

import dev.vmalab.model.lookup.RetryLoopLookup;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaIterator;
import dev.vmalab.model.vma.VmaReadLock;

/**
 * iter-passed-down: the alternative from the fix's thread: lock_vma_under_rcu()
 * uses a VMA iterator, and vma_start_read(mm, vmi, address, vma) calls
 * {@code vma_iter_set(vmi, address)} on every error exit after dropping RCU
 * (including err_unstable), so no caller can retry with a stale state. In
 * lock_next_vma() the same vma_start_read() gets from_addr, so its
 * vma_iter_set(vmi, from_addr) runs before rcu_read_lock() and the kernel's
 * own reset after it finds the state already set (mas_set() reads no node:
 * the two orders leave the same state).
 */
public final class IterPassedDown extends RetryLoopLookup {
    @Override
    public String name() {
        return "iter-passed-down";
    }

    @Override
    public String description() {
        return "vma_start_read() takes the iterator and does vma_iter_set(vmi, addr) on every error exit";
    }

    @Override
    protected Vma startRead(Mm mm, Vma vma, VmaIterator vmi, long address) {
        return VmaReadLock.vmaStartRead(mm, vma, vmi, address);
    }

    @Override
    protected void resetForRetry(VmaIterator vmi, Mm mm, long address) {}
}
