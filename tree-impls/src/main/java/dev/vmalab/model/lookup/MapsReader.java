package dev.vmalab.model.lookup;

import dev.vmalab.model.check.Violation;
import dev.vmalab.model.check.ViolationKind;
import dev.vmalab.model.rcu.Rcu;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaIterator;
import java.util.function.Consumer;

/**
 * A read of /proc/PID/maps with per-VMA locks (fs/proc/task_mmu.c: m_start,
 * m_next via lock_next_vma(), m_stop): under rcu_read_lock(), one VMA
 * read-locked at a time; every {@link #VMAS_PER_BUFFER} VMAs the seq_file
 * buffer is full, RCU is dropped and the iterator re-initialised at the last
 * position.
 */
public final class MapsReader {
    private MapsReader() {}

    /** Roughly a page of /proc/PID/maps lines. */
    public static final int VMAS_PER_BUFFER = 32;

    /** Reads every VMA of {@code mm}; each one seen goes to {@code sink} while read-locked. Returns the VMA count. */
    public static int read(LookupStrategy strategy, Mm mm, VmaLockStats stats, Consumer<Vma> sink) {
        Rcu rcu = mm.kernel().rcu();
        Task t = rcu.current();
        long from = 0;
        int seen = 0;
        rcu.readLock(t);
        VmaIterator vmi = new VmaIterator(mm, from);
        while (true) {
            t.beginLookup(strategy.name(), from);
            stats.mapsSteps++; // no vmstat here: lock_next_vma() counts none
            Vma vma = strategy.lockNextVma(mm, vmi, from, stats);
            if (vma == null) break;
            check(mm, vma, from, t);
            sink.accept(vma);
            from = vma.end();
            Mm.vmaEndRead(vma);
            if (++seen % VMAS_PER_BUFFER == 0) { // m_stop / m_start
                rcu.readUnlock(t);
                rcu.readLock(t);
                vmi.init(mm, from);
            }
        }
        rcu.readUnlock(t);
        return seen;
    }

    private static void check(Mm mm, Vma vma, long from, Task t) {
        if (!mm.kernel().checks()) return;
        if (vma.mm() != mm || !vma.isAttached() || vma.end() <= from || vma.isFreed()) {
            mm.kernel().violations().report(new Violation(ViolationKind.WRONG_VMA, t.name(), t.strategy(), from,
                    vma.toString(), "vma mm " + vma.mm() + ", refcnt " + vma.refcount(),
                    "lock_next_vma() returned a VMA that is not the next one at or after from_addr in " + mm,
                    mm.kernel().currentStep()));
        }
    }
}
