package dev.vmalab.traces.stats;

import java.util.List;

/**
 * The one classification of an exposed fault into an {@link ExposureKind}, shared by
 * {@code trace stats} (a syscall in the trace, the fault's VMA before it, the layout at the
 * fault) and replay's paired accounting (a captured -EAGAIN: the range the failed walk found
 * and the live layout at the retry, the syscall unknown: {@link Change#DETACHED}).
 *
 * <p>What the strategies' retries depend on is where the address and the old vm_start lie
 * now; the syscall only tells the in-place changes (V stays attached: no -EAGAIN) from the
 * ones that detach V. Kernel (lines in {@link ExposureKind}): mm/vma.c vms_gather_munmap_vmas() (the removed part
 * is always the original object), vma_modify() (split_vma(start, 1), split_vma(end, 0): the
 * original keeps the changed middle), vma_merge_new_range() / vma_expand() (a new mapping or
 * a grown one extends the existing VMA in place), mm/mremap.c move_vma().
 */
public final class ExposureClassifier {
    /** The writer's syscall; DETACHED: unknown, but the found VMA was detached (vma_start_read() gave -EAGAIN). */
    public enum Change { MMAP, MUNMAP, MPROTECT, MADVISE, MREMAP, BRK, DETACHED }

    /** [start, end). */
    public record Range(long start, long end) {
        boolean contains(long a) {
            return start <= a && a < end;
        }
    }

    private ExposureClassifier() {}

    /**
     * @param old     the VMA that held {@code address} just before the change (null: none)
     * @param after   the VMAs now overlapping or touching {@code old}, in address order
     * @param changed the syscall's own range (for madvise, which the trace's tracker does not split on)
     */
    public static ExposureKind classify(Change change, long address, Range old, List<Range> after, Range changed) {
        if (old == null || !old.contains(address)) return ExposureKind.NEW_MAPPING;
        Range at = null;
        Range atOldStart = null;
        boolean above = false;
        for (Range r : after) {
            if (r.contains(address)) at = r;
            if (r.contains(old.start())) atOldStart = r;
        }
        if (at == null) return change == Change.MREMAP ? ExposureKind.MREMAP_MOVE : ExposureKind.MUNMAP_AROUND;
        for (Range r : after) {
            if (r.start() >= at.end() && r.start() < old.end()) above = true;
        }
        // Where the old vm_start lies first: it is what mas_reset()'s kept index walks to.
        if (at.start() > old.start()) { // the part below the address changed (whatever happened above it)
            if (atOldStart == null) return ExposureKind.MUNMAP_BELOW;
            return switch (change) {
                case MPROTECT -> at.end() >= old.end() ? ExposureKind.MPROTECT_SPLIT_LOW : ExposureKind.IN_PLACE;
                case MADVISE -> at.end() >= old.end() ? ExposureKind.MADVISE_SPLIT : ExposureKind.IN_PLACE;
                default -> ExposureKind.MAP_FIXED_BELOW; // V detached, something else at the old vm_start
            };
        }
        // a syscall that did not touch V (a neighbour merged into it, a change elsewhere in its widened range)
        boolean untouched = change != Change.DETACHED && (changed.end() <= old.start() || changed.start() >= old.end());
        if (at.start() < old.start() || at.end() > old.end()) {
            return untouched ? ExposureKind.MREMAP_GROW : beyond(change, old, at, changed); // untouched: V absorbed it in place
        }
        if (at.equals(old)) {
            if (untouched) return ExposureKind.IN_PLACE;
            return switch (change) {
                case MMAP, MUNMAP, MREMAP, DETACHED -> ExposureKind.MAP_FIXED_OVER; // V replaced
                case MADVISE -> madvise(address, old, changed);
                case MPROTECT, BRK -> ExposureKind.IN_PLACE; // vm_flags changed on V itself (or nothing: same flags)
            };
        }
        // same start, the part above the address changed
        if (!above) return ExposureKind.MUNMAP_ABOVE;
        return switch (change) {
            case MPROTECT -> ExposureKind.MPROTECT_SPLIT_HIGH;
            case MADVISE -> ExposureKind.MADVISE_SPLIT;
            default -> ExposureKind.MAP_FIXED_ABOVE;
        };
    }

    /** The VMA at the address now reaches beyond the old range, and the syscall touched V: grown in place, or V merged away. */
    private static ExposureKind beyond(Change change, Range old, Range at, Range changed) {
        return switch (change) {
            // vma_expand() of V itself: mremap in place, brk
            case MREMAP, BRK -> at.start() == old.start() ? ExposureKind.MREMAP_GROW : ExposureKind.MERGE;
            // vma_merge_existing_range(): all of V changed, V merged into a neighbour and removed; part of it
            // changed, the neighbour took that part and V shrank in place (still attached: no -EAGAIN)
            case MPROTECT, MADVISE -> {
                if (changed.start() <= old.start() && changed.end() >= old.end()) yield ExposureKind.MERGE;
                if (change == Change.MADVISE) yield ExposureKind.MADVISE_SPLIT;
                yield at.start() < old.start() ? ExposureKind.MPROTECT_SPLIT_LOW : ExposureKind.MPROTECT_SPLIT_HIGH;
            }
            // MAP_FIXED over part of V unmaps it first (V detached), a detached V
            default -> ExposureKind.MERGE;
        };
    }

    /** The tracker keeps no madvise splits: the syscall's range inside V says which part is new. */
    private static ExposureKind madvise(long address, Range old, Range changed) {
        boolean whole = changed.start() <= old.start() && changed.end() >= old.end();
        if (whole || changed.contains(address)) return ExposureKind.IN_PLACE; // V keeps the changed part in place
        return ExposureKind.MADVISE_SPLIT;
    }
}
