package dev.vmalab.model.ops;

import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaFlags;
import dev.vmalab.model.vma.VmaWriter;
import java.util.List;

/**
 * The mapping syscalls as they change VMAs (mm/mmap.c, mm/vma.c, mm/mprotect.c,
 * mm/mremap.c, mm/madvise.c; 6.18). Each takes mmap_write_lock, edits VMAs in
 * the kernel's order (see {@link VmaEdits}) and returns what the syscall
 * returns: an address, 0, or a negative errno. Addresses come from the trace:
 * where the kernel chose an address (mmap without MAP_FIXED, mremap moves) the
 * caller passes the address the kernel returned.
 */
public final class MapOps {
    private MapOps() {}

    /** VM_DATA_DEFAULT_FLAGS for the heap on x86-64. */
    /** do_brk_flags(): VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT on x86-64 (the VM_MAY* bits are not modelled). */
    public static final int BRK_FLAGS = VmaFlags.READ | VmaFlags.WRITE | VmaFlags.ACCOUNT;

    private static Task lock(Mm mm) {
        Task t = mm.kernel().rcu().current();
        mm.mmapWriteLock(t);
        return t;
    }

    /**
     * mmap(): map [addr, addr+len) with {@code flags} (prot bits + VmaFlags).
     * {@code fixed} = MAP_FIXED: replace what is there; otherwise an overlap is -EEXIST.
     * Anonymous memory: {@code file} 0 (its pgoff is addr >> PAGE_SHIFT, as the kernel sets it).
     */
    public static long mmap(Mm mm, long addr, long len, int flags, long file, long pgoff, boolean fixed) {
        if (!Pages.aligned(addr) || len <= 0 || addr + Pages.alignUp(len) < addr) return Errno.EINVAL;
        Task t = lock(mm);
        try {
            return mmapLocked(mm, addr, Pages.alignUp(len), flags, file, file == 0 ? Pages.count(addr) : pgoff, fixed);
        } finally {
            mm.mmapWriteUnlock(t);
        }
    }

    /**
     * mmap_region(): gather what is replaced, merge with neighbours or insert a new VMA, free the replaced.
     * An accountable_mapping() (private, writable, not VM_NORESERVE) gets VM_ACCOUNT first (mm/mmap.c).
     */
    static long mmapLocked(Mm mm, long addr, long len, int flags, long file, long pgoff, boolean fixed) {
        if ((flags & (VmaFlags.NORESERVE | VmaFlags.SHARED | VmaFlags.WRITE)) == VmaFlags.WRITE) flags |= VmaFlags.ACCOUNT;
        long end = addr + len;
        List<Vma> replaced = VmaEdits.overlapping(mm, addr, end);
        if (!replaced.isEmpty() && !fixed) return Errno.EEXIST;
        gather(mm, replaced, addr, end);
        for (Vma v : replaced) {
            mm.vmaStartWrite(v);
            mm.vmaMarkDetached(v); // they stay in the tree until the new mapping overwrites them
        }
        Vma prev = adjacentBelow(mm, addr);
        Vma next = adjacentAbove(mm, end);
        long pages = Pages.count(len);
        boolean mergePrev = prev != null && VmaEdits.mergeable(prev.end(), prev.flags(), prev.file(),
                prev.pgoff() + Pages.count(prev.end() - prev.start()), prev.anonVma(), addr, flags, file, pgoff, 0);
        boolean mergeNext = next != null && VmaEdits.mergeable(end, flags, file, pgoff + pages, 0,
                next.start(), next.flags(), next.file(), next.pgoff(), next.anonVma());
        if (mergePrev && mergeNext && anonCompatible(prev, next)) { // vma_merge_new_range(): prev + new + next
            mm.vmaStartWrite(prev);
            mm.vmaStartWrite(next);
            VmaWriter.setRange(prev, prev.start(), next.end(), prev.pgoff());
            VmaEdits.storeOverwrite(mm, prev);
            VmaEdits.detachAndFree(mm, List.of(next));
        } else if (mergePrev) {
            mm.vmaStartWrite(prev);
            VmaWriter.setRange(prev, prev.start(), end, prev.pgoff());
            VmaEdits.storeOverwrite(mm, prev);
        } else if (mergeNext) {
            mm.vmaStartWrite(next);
            VmaWriter.setRange(next, addr, next.end(), pgoff);
            VmaEdits.storeOverwrite(mm, next);
        } else { // __mmap_new_vma(): write-locked, then inserted
            Vma v = VmaEdits.newVma(mm, addr, end, flags, file, pgoff);
            mm.vmaStartWrite(v);
            VmaEdits.storeNew(mm, v);
        }
        for (Vma v : replaced) mm.kernel().vmas().free(v); // vms_complete_munmap_vmas()
        return addr;
    }

    /**
     * _install_special_mapping() (mm/mmap.c), as exec's map_vdso() (arch/x86/entry/vdso/vma.c) installs the
     * vdso and vvar pages: a new VMA with vm_ops = &special_mapping_vmops and VM_DONTEXPAND added, inserted
     * without merging (insert_vm_struct), over whatever the range held (exec starts from an empty mm; the
     * lab's initial mappings replace like MAP_FIXED). Its pgoff is 0, as __install_special_mapping() sets it.
     */
    public static long installSpecialMapping(Mm mm, long addr, long len, int flags) {
        if (!Pages.aligned(addr) || len <= 0 || addr + Pages.alignUp(len) < addr) return Errno.EINVAL;
        Task t = lock(mm);
        try {
            long end = addr + Pages.alignUp(len);
            munmapLocked(mm, addr, end);
            Vma v = VmaEdits.newVma(mm, addr, end, flags | VmaFlags.DONTEXPAND, 0, 0);
            VmaWriter.setSpecialMapping(v, true);
            mm.vmaStartWrite(v);
            VmaEdits.storeNew(mm, v);
            return addr;
        } finally {
            mm.mmapWriteUnlock(t);
        }
    }

    /**
     * __anon_vma_prepare() (mm/rmap.c) of the VMA at {@code addr}, for the kernel's own writes to user memory
     * during exec, which run under mmap_lock and leave the VMA with an anon_vma before any user fault:
     * the argument strings on the stack (fs/exec.c: copy_strings() -> get_arg_page(), FOLL_WRITE) and the
     * zeroed tail of an ELF data segment's last file page (fs/binfmt_elf.c: elf_load() -> padzero()).
     */
    public static void anonVmaPrepare(Mm mm, long addr) {
        Task t = lock(mm);
        try {
            Vma v = mm.vmaLookup(addr);
            if (v != null) v.anonVmaPrepare(mm.kernel().step());
        } finally {
            mm.mmapWriteUnlock(t);
        }
    }

    /** munmap(). */
    public static long munmap(Mm mm, long addr, long len) {
        if (!Pages.aligned(addr) || len <= 0 || addr + Pages.alignUp(len) < addr) return Errno.EINVAL;
        Task t = lock(mm);
        try {
            return munmapLocked(mm, addr, addr + Pages.alignUp(len));
        } finally {
            mm.mmapWriteUnlock(t);
        }
    }

    /**
     * do_vmi_align_munmap(): split at both ends (the surviving pieces are the
     * new VMAs: the originals are the ones removed), write-lock and detach
     * the removed, clear the range in the tree, free them.
     */
    static long munmapLocked(Mm mm, long start, long end) {
        List<Vma> removed = VmaEdits.overlapping(mm, start, end);
        if (removed.isEmpty()) return 0;
        gather(mm, removed, start, end);
        for (Vma v : removed) {
            mm.vmaStartWrite(v);
            mm.vmaMarkDetached(v);
        }
        mm.tree().store(start, end - 1, null); // vma_iter_clear_gfp()
        for (Vma v : removed) mm.kernel().vmas().free(v);
        return 0;
    }

    /** vms_gather_munmap_vmas(): split the first and last VMAs at the range's ends. */
    private static void gather(Mm mm, List<Vma> vmas, long start, long end) {
        if (vmas.isEmpty()) return;
        Vma first = vmas.getFirst();
        if (first.start() < start) VmaEdits.split(mm, first, start, true);
        Vma last = vmas.getLast();
        if (last.end() > end) VmaEdits.split(mm, last, end, false);
    }

    /** mprotect(): prot bits of every VMA in the range; -ENOMEM where the range has a hole. */
    public static long mprotect(Mm mm, long addr, long len, int prot) {
        if (!Pages.aligned(addr) || len < 0) return Errno.EINVAL;
        int newProt = VmaFlags.fromProt(prot);
        return changeFlags(mm, addr, Pages.alignUp(len), (v, f) -> mprotectFlags(v, f, newProt));
    }

    /**
     * mprotect_fixup() (mm/mprotect.c): the new prot bits; a private mapping turning writable that was never
     * charged gains VM_ACCOUNT; an anonymous one turning read-only without an anon_vma loses it.
     */
    static int mprotectFlags(Vma v, int f, int newProt) {
        int nf = (f & ~VmaFlags.PROT_MASK) | newProt;
        if ((newProt & VmaFlags.WRITE) != 0) {
            if ((f & (VmaFlags.ACCOUNT | VmaFlags.WRITE | VmaFlags.SHARED | VmaFlags.NORESERVE)) == 0) {
                nf |= VmaFlags.ACCOUNT;
            }
        } else if ((f & VmaFlags.ACCOUNT) != 0 && v.isAnonymous() && v.anonVma() == 0) {
            nf &= ~VmaFlags.ACCOUNT;
        }
        return nf;
    }

    /**
     * madvise(): advice that changes vm_flags splits and merges VMAs like
     * mprotect; other advice (DONTNEED, FREE, WILLNEED, ...) changes no VMA and
     * only takes mmap_read_lock here (simplification: 6.18 takes a per-VMA lock
     * for some of it).
     */
    public static long madvise(Mm mm, long addr, long len, int advice) {
        if (!Pages.aligned(addr) || len < 0) return Errno.EINVAL;
        Madvise.FlagChange change = Madvise.flagChange(advice);
        if (change == null) {
            Task t = mm.kernel().rcu().current();
            mm.mmapReadLock(t);
            boolean mapped = !VmaEdits.overlapping(mm, addr, addr + Pages.alignUp(len)).isEmpty();
            mm.mmapReadUnlock(t);
            return mapped || len == 0 ? 0 : Errno.ENOMEM;
        }
        return changeFlags(mm, addr, Pages.alignUp(len), (v, f) -> (f & ~change.clear()) | change.set());
    }

    /** The new vm_flags of a VMA in the range, from its old ones. */
    private interface FlagChange {
        int apply(Vma vma, int flags);
    }

    private static long changeFlags(Mm mm, long start, long len, FlagChange change) {
        long end = start + len;
        if (len == 0) return 0;
        Task t = lock(mm);
        try {
            long pos = start;
            while (pos < end) {
                Vma v = mm.vmaLookup(pos);
                if (v == null) return Errno.ENOMEM;
                long rs = Math.max(v.start(), start);
                long re = Math.min(v.end(), end);
                int nf = change.apply(v, v.flags());
                if (nf != v.flags()) Merges.modify(mm, v, rs, re, nf);
                pos = re;
            }
            return 0;
        } finally {
            mm.mmapWriteUnlock(t);
        }
    }

    /**
     * mremap(): {@code result} is the address the kernel returned. Same address:
     * shrink (unmap the tail) or grow in place (expand the VMA). Another
     * address: copy_vma() there (merging with neighbours if it can), then
     * unmap the old range.
     */
    public static long mremap(Mm mm, long oldAddr, long oldLen, long newLen, long result) {
        if (!Pages.aligned(oldAddr) || !Pages.aligned(result) || newLen <= 0) return Errno.EINVAL;
        oldLen = Pages.alignUp(oldLen);
        newLen = Pages.alignUp(newLen);
        Task t = lock(mm);
        try {
            if (result == oldAddr) {
                if (newLen < oldLen) return munmapLocked(mm, oldAddr + newLen, oldAddr + oldLen) == 0 ? oldAddr : Errno.EINVAL;
                if (newLen == oldLen) return oldAddr;
                Vma v = mm.vmaLookup(oldAddr);
                if (v == null || v.end() != oldAddr + oldLen) return Errno.EINVAL;
                if (!VmaEdits.overlapping(mm, v.end(), oldAddr + newLen).isEmpty()) return Errno.ENOMEM;
                mm.vmaStartWrite(v); // vma_merge_extend() -> vma_expand()
                VmaWriter.setRange(v, v.start(), oldAddr + newLen, v.pgoff());
                VmaEdits.storeOverwrite(mm, v);
                return oldAddr;
            }
            Vma v = mm.vmaLookup(oldAddr);
            if (v == null) return -14; // EFAULT
            int flags = v.flags();
            long file = v.file();
            long anon = v.anonVma();
            boolean special = v.isSpecialMapping();
            long pgoff = v.pgoff() + Pages.count(oldAddr - v.start());
            munmapLocked(mm, result, result + newLen); // MREMAP_FIXED replaces; a free area has nothing
            Vma moved = copyVma(mm, result, result + newLen, flags, file, pgoff, anon, special);
            munmapLocked(mm, oldAddr, oldAddr + oldLen);
            return moved == null ? Errno.ENOMEM : result;
        } finally {
            mm.mmapWriteUnlock(t);
        }
    }

    /** copy_vma(): the moved range at its new place, merged with a neighbour when compatible. */
    private static Vma copyVma(Mm mm, long start, long end, int flags, long file, long pgoff, long anon,
                               boolean special) {
        Vma prev = adjacentBelow(mm, start);
        if (prev != null && VmaEdits.mergeable(prev.end(), prev.flags(), prev.file(),
                prev.pgoff() + Pages.count(prev.end() - prev.start()), prev.anonVma(), start, flags, file, pgoff, anon)) {
            mm.vmaStartWrite(prev);
            VmaWriter.setRange(prev, prev.start(), end, prev.pgoff());
            VmaEdits.storeOverwrite(mm, prev);
            return prev;
        }
        Vma v = VmaEdits.newVma(mm, start, end, flags, file, pgoff);
        VmaWriter.setAnonVma(v, anon);
        VmaWriter.setSpecialMapping(v, special); // vm_area_dup() copies vm_ops (special_mapping_mremap allows the move)
        mm.vmaStartWrite(v);
        VmaEdits.storeNew(mm, v);
        return v;
    }

    /**
     * brk() (mm/mmap.c): shrink unmaps; grow expands the heap VMA when it ends
     * at the old break (do_brk_flags()), else maps a new anonymous VMA. Returns
     * the new break, or the old one when it cannot move.
     */
    public static long brk(Mm mm, long newBrk) {
        Task t = lock(mm);
        try {
            long oldBrk = mm.brk();
            if (newBrk == 0 || newBrk < mm.startBrk()) return oldBrk;
            long oldEnd = Pages.alignUp(oldBrk);
            long newEnd = Pages.alignUp(newBrk);
            if (newEnd == oldEnd) {
                mm.setBrk(newBrk);
                return newBrk;
            }
            if (newBrk < oldBrk) {
                munmapLocked(mm, newEnd, oldEnd);
                mm.setBrk(newBrk);
                return newBrk;
            }
            if (!VmaEdits.overlapping(mm, oldEnd, newEnd + Pages.SIZE).isEmpty()) return oldBrk;
            Vma heap = adjacentBelow(mm, oldEnd);
            if (heap != null && heap.start() >= mm.startBrk() && heap.isAnonymous() && heap.flags() == BRK_FLAGS) {
                mm.vmaStartWrite(heap);
                VmaWriter.setRange(heap, heap.start(), newEnd, heap.pgoff());
                VmaEdits.storeOverwrite(mm, heap);
            } else {
                Vma v = VmaEdits.newVma(mm, oldEnd, newEnd, BRK_FLAGS, 0, Pages.count(oldEnd));
                mm.vmaStartWrite(v);
                VmaEdits.storeNew(mm, v);
            }
            mm.setBrk(newBrk);
            return newBrk;
        } finally {
            mm.mmapWriteUnlock(t);
        }
    }

    /** The VMA ending exactly at {@code addr}, or null. */
    static Vma adjacentBelow(Mm mm, long addr) {
        if (addr == 0) return null;
        Vma v = mm.vmaLookup(addr - 1);
        return v != null && v.end() == addr ? v : null;
    }

    /** The VMA starting exactly at {@code addr}, or null. */
    static Vma adjacentAbove(Mm mm, long addr) {
        Vma v = mm.vmaLookup(addr);
        return v != null && v.start() == addr ? v : null;
    }

    static boolean anonCompatible(Vma a, Vma b) {
        return a.anonVma() == 0 || b.anonVma() == 0 || a.anonVma() == b.anonVma();
    }
}
