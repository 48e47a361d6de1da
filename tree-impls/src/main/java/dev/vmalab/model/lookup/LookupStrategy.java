package dev.vmalab.model.lookup;

import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaIterator;

/**
 * One way to look up and read-lock a VMA without mmap_lock: the part of
 * mm/mmap_lock.c whose retry handling this lab compares. Implementations are
 * stateless and shared by all threads; vmalab finds them by {@link #name()}
 * (built in, or through {@link java.util.ServiceLoader} from a user's jar).
 *
 * <p>Contract, as in the kernel:
 * <ul>
 * <li>{@link #lockVmaUnderRcu} is called without RCU and returns with it
 * dropped: the VMA containing {@code address}, read-locked, or null (after
 * counting an abort) so that the caller falls back to mmap_lock.</li>
 * <li>{@link #lockNextVma} is called with rcu_read_lock() held and returns with
 * it held: the next VMA at or after {@code fromAddr}, read-locked, or null at
 * the end.</li>
 * <li>In lockVmaUnderRcu, count {@link VmaLockStats#countMiss()} for each -EAGAIN
 * retry (VMA_LOCK_MISS); lockNextVma counts no vmstat event, only the maps
 * block of {@link VmaLockStats} ({@code mapsRetries}, {@code mapsFallbacks}).</li>
 * </ul>
 * WARNING: walk the tree only inside an RCU read section, and never reuse a
 * maple state pointer from an earlier section on a kernel that resumes active
 * states: the model reports it as USE_AFTER_FREE or STALE_NODE.
 */
public interface LookupStrategy {
    /** Short name used on the command line and in result files. */
    String name();

    /** One line: what it does on retry and which kernel code it mirrors. */
    String description();

    /** lock_vma_under_rcu(mm, address). */
    Vma lockVmaUnderRcu(Mm mm, long address, VmaLockStats stats);

    /** lock_next_vma(mm, vmi, from_addr). */
    Vma lockNextVma(Mm mm, VmaIterator vmi, long fromAddr, VmaLockStats stats);

    /** False for the pre-6.4 baseline: faults go straight to mmap_lock. */
    default boolean usesPerVmaLocks() {
        return true;
    }

    /** Whether this strategy is known to be wrong (the pre-fix code): tests expect it to be caught. */
    default boolean knownIncorrect() {
        return false;
    }
}
