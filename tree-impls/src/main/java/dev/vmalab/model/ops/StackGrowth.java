package dev.vmalab.model.ops;

import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaWriter;

/** expand_downwards() (mm/mmap.c): a fault just below a VM_GROWSDOWN stack grows it. Caller holds mmap_write_lock. */
public final class StackGrowth {
    private StackGrowth() {}

    public static boolean expandDownwards(Mm mm, Vma vma, long address) {
        long newStart = Pages.alignDown(address);
        if (newStart >= vma.start()) return true;
        Vma below = MapOps.adjacentBelow(mm, vma.start());
        if (below != null || !VmaEdits.overlapping(mm, newStart, vma.start()).isEmpty()) return false;
        mm.vmaStartWrite(vma);
        VmaWriter.setRange(vma, newStart, vma.end(), vma.pgoff() - Pages.count(vma.start() - newStart));
        VmaEdits.storeOverwrite(mm, vma);
        return true;
    }
}
