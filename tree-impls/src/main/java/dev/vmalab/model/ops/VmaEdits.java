package dev.vmalab.model.ops;

import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaFlags;
import dev.vmalab.model.vma.VmaIterator;
import dev.vmalab.model.vma.VmaWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The VMA edits every mapping syscall is made of (mm/vma.c, 6.18), in the
 * kernel's order as readers can observe it: write-lock what changes, store
 * the new ranges in the tree, detach what was removed, free it (VMA memory
 * is reused at once). Callers hold mmap_write_lock.
 */
final class VmaEdits {
    private VmaEdits() {}

    /** A new, detached VMA (vm_area_alloc + the fields mmap sets). */
    static Vma newVma(Mm mm, long start, long end, int flags, long file, long pgoff) {
        Vma v = mm.kernel().vmas().allocate(mm);
        VmaWriter.set(v, start, end, flags, file, pgoff);
        return v;
    }

    /** vm_area_dup(). */
    static Vma dup(Mm mm, Vma src) {
        Vma v = newVma(mm, src.start(), src.end(), src.flags(), src.file(), src.pgoff());
        VmaWriter.setAnonVma(v, src.anonVma());
        VmaWriter.setSpecialMapping(v, src.isSpecialMapping());
        return v;
    }

    /**
     * __split_vma(vmi, vma, addr, new_below): the new VMA takes the part below
     * {@code addr} (new_below) or from {@code addr} up; the original keeps the
     * rest and stays attached. Returns the new VMA.
     */
    static Vma split(Mm mm, Vma vma, long addr, boolean newBelow) {
        Vma fresh = dup(mm, vma);
        mm.vmaStartWrite(vma);
        mm.vmaStartWrite(fresh);
        if (newBelow) {
            VmaWriter.setRange(fresh, vma.start(), addr, vma.pgoff());
            VmaWriter.setRange(vma, addr, vma.end(), vma.pgoff() + Pages.count(addr - vma.start()));
        } else {
            VmaWriter.setRange(fresh, addr, vma.end(), vma.pgoff() + Pages.count(addr - vma.start()));
            VmaWriter.setRange(vma, vma.start(), addr, vma.pgoff());
        }
        storeNew(mm, fresh); // vma_complete(): vma_iter_store_new()
        return fresh;
    }

    /** vma_iter_store_new(): attach and store over the VMA's range. */
    static void storeNew(Mm mm, Vma vma) {
        mm.vmaMarkAttached(vma);
        mm.tree().store(vma.start(), vma.end() - 1, vma);
    }

    /** vma_iter_store_overwrite(): store an attached VMA over its (changed) range. */
    static void storeOverwrite(Mm mm, Vma vma) {
        mm.tree().store(vma.start(), vma.end() - 1, vma);
    }

    /** vma_mark_detached() + vm_area_free() of VMAs already gone from the tree. */
    static void detachAndFree(Mm mm, List<Vma> removed) {
        for (Vma v : removed) mm.vmaMarkDetached(v);
        for (Vma v : removed) mm.kernel().vmas().free(v);
    }

    /** The VMAs overlapping [start, end), in order. */
    static List<Vma> overlapping(Mm mm, long start, long end) {
        List<Vma> out = new ArrayList<>();
        VmaIterator vmi = new VmaIterator(mm, start);
        for (Vma v = vmi.find(end); v != null; v = vmi.find(end)) out.add(v);
        return out;
    }

    /**
     * is_mergeable_vma() + is_mergeable_anon_vma() + pgoff contiguity
     * (mm/vma.c: can_vma_merge_before/after): adjacent, same flags and file,
     * file offsets continuing, anon_vmas compatible (one of them none, or equal).
     * VM_SPECIAL (here VM_DONTEXPAND, which every special mapping has) never merges
     * (vma_merge_new_range, vma_merge_existing_range). Simplification: no userfaultfd or policy checks.
     */
    static boolean mergeable(long aEnd, int aFlags, long aFile, long aPgoffEnd, long aAnon,
                             long bStart, int bFlags, long bFile, long bPgoff, long bAnon) {
        return aEnd == bStart && aFlags == bFlags && (aFlags & VmaFlags.DONTEXPAND) == 0 && aFile == bFile && aPgoffEnd == bPgoff
                && (aAnon == 0 || bAnon == 0 || aAnon == bAnon);
    }

    /** Can {@code a} be followed by {@code b} in one VMA? */
    static boolean mergeable(Vma a, Vma b) {
        return mergeable(a.end(), a.flags(), a.file(), a.pgoff() + Pages.count(a.end() - a.start()), a.anonVma(),
                b.start(), b.flags(), b.file(), b.pgoff(), b.anonVma());
    }
}
