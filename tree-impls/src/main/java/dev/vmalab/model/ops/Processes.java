package dev.vmalab.model.ops;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaFlags;
import dev.vmalab.model.vma.VmaWriter;
import java.util.ArrayList;
import java.util.List;

/** Whole address spaces: fork's dup_mmap(), exit_mmap(), and listing (writer side). */
public final class Processes {
    private Processes() {}

    /** dup_mmap() (kernel/fork.c): a child mm with a copy of every VMA but VM_DONTCOPY ones. */
    public static Mm fork(Kernel kernel, Mm parent) {
        Mm child = new Mm(kernel);
        Task t = kernel.rcu().current();
        parent.mmapWriteLock(t);
        child.mmapWriteLock(t);
        try {
            for (Vma v : vmas(parent)) {
                if ((v.flags() & VmaFlags.DONTCOPY) != 0) continue;
                Vma copy = VmaEdits.newVma(child, v.start(), v.end(), v.flags(), v.file(), v.pgoff());
                VmaWriter.setAnonVma(copy, v.anonVma()); // anon_vma_fork(): the child's VMA has one too
                VmaWriter.setSpecialMapping(copy, v.isSpecialMapping()); // vm_area_dup() copies vm_ops
                VmaEdits.storeNew(child, copy);
            }
            child.setBrkBase(parent.startBrk());
            child.setBrk(parent.brk());
        } finally {
            child.mmapWriteUnlock(t);
            parent.mmapWriteUnlock(t);
        }
        return child;
    }

    /** exit_mmap(): unmap everything. */
    public static void exit(Mm mm) {
        Task t = mm.kernel().rcu().current();
        mm.mmapWriteLock(t);
        try {
            MapOps.munmapLocked(mm, 0, dev.vmalab.model.tree.RangeTree.MAX);
        } finally {
            mm.mmapWriteUnlock(t);
        }
    }

    /** The VMAs of {@code mm} in order (caller holds mmap_lock or the mm is private to it). */
    public static List<Vma> vmas(Mm mm) {
        List<Vma> out = new ArrayList<>();
        mm.tree().forEach((first, last, entry) -> out.add((Vma) entry));
        return out;
    }
}
