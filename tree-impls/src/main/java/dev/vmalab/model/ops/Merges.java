package dev.vmalab.model.ops;

import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaWriter;
import java.util.List;

/**
 * vma_modify() (mm/vma.c): give [start, end) of {@code vma} new flags, by
 * merging with a neighbour when the result is compatible with it
 * (vma_merge_existing_range()), else by splitting off the parts outside the
 * range and changing the flags of what is left.
 */
final class Merges {
    private Merges() {}

    static Vma modify(Mm mm, Vma vma, long start, long end, int flags) {
        Vma prev = start == vma.start() ? MapOps.adjacentBelow(mm, start) : null;
        Vma next = end == vma.end() ? MapOps.adjacentAbove(mm, end) : null;
        long pgoffAtStart = vma.pgoff() + Pages.count(start - vma.start());
        long pgoffAtEnd = vma.pgoff() + Pages.count(end - vma.start());
        boolean left = prev != null && VmaEdits.mergeable(prev.end(), prev.flags(), prev.file(),
                prev.pgoff() + Pages.count(prev.end() - prev.start()), prev.anonVma(),
                start, flags, vma.file(), pgoffAtStart, vma.anonVma());
        boolean right = next != null && VmaEdits.mergeable(end, flags, vma.file(), pgoffAtEnd, vma.anonVma(),
                next.start(), next.flags(), next.file(), next.pgoff(), next.anonVma());
        boolean whole = start == vma.start() && end == vma.end();
        if (left && right && whole && MapOps.anonCompatible(prev, next)) { // prev absorbs vma and next
            mm.vmaStartWrite(prev);
            mm.vmaStartWrite(vma);
            mm.vmaStartWrite(next);
            VmaWriter.setRange(prev, prev.start(), next.end(), prev.pgoff());
            VmaEdits.storeOverwrite(mm, prev);
            VmaEdits.detachAndFree(mm, List.of(vma, next));
            return prev;
        }
        if (left) {
            mm.vmaStartWrite(prev);
            mm.vmaStartWrite(vma);
            if (whole) { // prev absorbs vma
                VmaWriter.setRange(prev, prev.start(), end, prev.pgoff());
                VmaEdits.storeOverwrite(mm, prev);
                VmaEdits.detachAndFree(mm, List.of(vma));
            } else { // prev grows to end, vma now starts there: one boundary moves
                VmaWriter.setRange(vma, end, vma.end(), pgoffAtEnd);
                VmaWriter.setRange(prev, prev.start(), end, prev.pgoff());
                VmaEdits.storeOverwrite(mm, prev);
            }
            return prev;
        }
        if (right) {
            mm.vmaStartWrite(vma);
            mm.vmaStartWrite(next);
            if (whole) { // next absorbs vma
                VmaWriter.setRange(next, vma.start(), next.end(), vma.pgoff());
                VmaEdits.storeOverwrite(mm, next);
                VmaEdits.detachAndFree(mm, List.of(vma));
            } else { // next grows down to start, vma ends there
                VmaWriter.setRange(vma, vma.start(), start, vma.pgoff());
                VmaWriter.setRange(next, start, next.end(), pgoffAtStart);
                VmaEdits.storeOverwrite(mm, next);
            }
            return next;
        }
        if (vma.start() < start) VmaEdits.split(mm, vma, start, true);
        if (vma.end() > end) VmaEdits.split(mm, vma, end, false);
        mm.vmaStartWrite(vma);
        VmaWriter.setFlags(vma, flags);
        return vma;
    }
}
