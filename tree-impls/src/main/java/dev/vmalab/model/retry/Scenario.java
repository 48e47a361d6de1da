package dev.vmalab.model.retry;

import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.vma.Mm;
import java.util.function.Consumer;

/**
 * One scripted way a writer makes the VMA a fault's walk found stale between mas_walk()
 * and vma_start_read(): the address space before, the fault address, and the writer's
 * syscall (run whole while the reader waits at vma_start_read()).
 *
 * @param name   the row name in matrix.csv
 * @param kind   the exposure kind (traces' ExposureKind label; the row's own name for a shape row, exposure.csv)
 * @param grace  STRICT: nodes the writer frees are freed before the retry walks; LAZY: not yet
 * @param setup  builds the address space before the fault (in {@code Mms.mm()})
 * @param change the writer's syscall; {@code Mms.other()} is a second mm of the same kernel
 */
public record Scenario(String name, String kind, String description, GracePeriods grace, long address,
                       Consumer<Mms> setup, Consumer<Mms> change) {
    /** The faulting mm and another process's mm (whose new VMA may reuse a freed one's memory). */
    public record Mms(Mm mm, Mm other) {}
}
