package dev.vmalab.bench;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.lookup.RetryLoopLookup;
import dev.vmalab.model.rcu.Rcu;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaIterator;
import dev.vmalab.model.vma.VmaReadLock;

/**
 * A built-in strategy with one -EAGAIN injected per lookup: the first
 * vma_start_read() of a lookup fails as if the VMA had just been detached
 * (RCU dropped, and for iter-passed-down {@code vma_iter_set(vmi, address)},
 * exactly what {@link VmaReadLock#vmaStartRead} does when vm_refcnt is 0),
 * then every later call goes to the real vma_start_read(). So each lookup pays
 * one retry: the strategy's reset (in lock_next_vma() the kernel's own
 * vma_iter_set()), a second rcu_read_lock() and a second walk.
 *
 * <p>The built-ins are final and their resets protected, so this class
 * repeats each built-in's reset (see dev.vmalab.model.strategy): no-reset
 * nothing, mas-set {@code vmi.set(address)}, mas-reset {@code vmi.reset()},
 * full-reinit {@code vmi.init(mm, address)}, iter-passed-down the iterator
 * passed down into vma_start_read(). One instance per thread ({@link #arm()}
 * before each lookup).
 */
final class InjectedEagain extends RetryLoopLookup {
    private enum Reset { NONE, SET, RESET, INIT, PASSED_DOWN }

    private final String name;
    private final Reset reset;
    private boolean failNext;

    InjectedEagain(LookupStrategy builtIn) {
        this.name = builtIn.name();
        this.reset = switch (name) {
            case "no-reset" -> Reset.NONE;
            case "mas-set" -> Reset.SET;
            case "mas-reset" -> Reset.RESET;
            case "full-reinit" -> Reset.INIT;
            case "iter-passed-down" -> Reset.PASSED_DOWN;
            default -> throw new IllegalArgumentException("no injected -EAGAIN variant of strategy '" + name + "'");
        };
    }

    /** Whether {@code s} has a variant here (strategies without per-VMA locks never call vma_start_read()). */
    static boolean covers(LookupStrategy s) {
        return s.usesPerVmaLocks() && switch (s.name()) {
            case "no-reset", "mas-set", "mas-reset", "full-reinit", "iter-passed-down" -> true;
            default -> false;
        };
    }

    /** The next vma_start_read() fails with -EAGAIN. */
    void arm() {
        failNext = true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return name + " with one injected -EAGAIN per lookup (benchmark)";
    }

    @Override
    protected Vma startRead(Mm mm, Vma vma, VmaIterator vmi, long address) {
        boolean passDown = reset == Reset.PASSED_DOWN;
        if (failNext) {
            failNext = false;
            Rcu rcu = mm.kernel().rcu();
            rcu.readUnlock(rcu.current()); // vma_start_read() drops RCU on every failure
            if (passDown) vmi.set(address);
            return VmaReadLock.EAGAIN;
        }
        return passDown ? VmaReadLock.vmaStartRead(mm, vma, vmi, address) : VmaReadLock.vmaStartRead(mm, vma);
    }

    @Override
    protected void resetForRetry(VmaIterator vmi, Mm mm, long address) {
        switch (reset) {
            case SET -> vmi.set(address);
            case RESET -> vmi.reset();
            case INIT -> vmi.init(mm, address);
            case NONE, PASSED_DOWN -> { }
        }
    }
}
