package dev.vmalab.model.vma;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * struct vm_area_struct with its per-VMA lock (include/linux/mm_types.h,
 * include/linux/mmap_lock.h). VMA memory comes from a SLAB_TYPESAFE_BY_RCU
 * cache ({@link VmaCache}): after a free the object may be handed to any mm at
 * once, while readers still hold a pointer to it. Fields readers look at under
 * RCU are volatile.
 *
 * <p>vm_refcnt: 0 = detached, 1 = attached and idle, 1 + n = n readers;
 * a writer adds {@link #VMA_LOCK_OFFSET} and waits for readers to drain.
 */
public final class Vma {
    public static final int VMA_LOCK_OFFSET = 0x40000000;
    public static final int VMA_REF_LIMIT = VMA_LOCK_OFFSET - 1;
    /** vm_lock_seq of a fresh VMA (UINT_MAX): never equal to an mm's sequence. */
    public static final long UNLOCKED_SEQ = -1;

    private final int address;
    volatile long generation;
    volatile Mm mm;
    volatile long start;
    volatile long end;
    volatile long pgoff;
    volatile int flags;
    /** The backing file's identity, 0 for anonymous memory. */
    volatile long file;
    /** anon_vma identity, 0 until the first write fault (anon_vma_prepare). */
    volatile long anonVma;
    /**
     * vm_ops is special_mapping_vmops (mm/mmap.c, _install_special_mapping: the vdso, vvar, uprobes' XOL
     * area): a ->fault without ->map_pages, so a fault under the per-VMA lock cannot be served there.
     */
    volatile boolean specialMapping;
    volatile long lockSeq = UNLOCKED_SEQ;
    final AtomicInteger refcnt = new AtomicInteger();
    long allocatedAt;
    long freedAt = -1;
    volatile boolean freed;

    Vma(int address) {
        this.address = address;
    }

    public int address() {
        return address;
    }

    public long generation() {
        return generation;
    }

    public Mm mm() {
        return mm;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public long pgoff() {
        return pgoff;
    }

    public int flags() {
        return flags;
    }

    public long file() {
        return file;
    }

    public long anonVma() {
        return anonVma;
    }

    public long lockSeq() {
        return lockSeq;
    }

    public int refcount() {
        return refcnt.get();
    }

    public boolean isAttached() {
        return refcnt.get() != 0;
    }

    public boolean isFreed() {
        return freed;
    }

    public boolean contains(long addr) {
        return addr >= start && addr < end;
    }

    /** vma_is_anonymous(): no vm_ops (a special mapping has vm_ops but no file). */
    public boolean isAnonymous() {
        return file == 0 && !specialMapping;
    }

    /** vma_is_special_mapping() for any special mapping: vm_ops == &special_mapping_vmops. */
    public boolean isSpecialMapping() {
        return specialMapping;
    }

    /**
     * vm_ops->map_pages is set: every file's vm_ops the lab maps (generic_file_vm_ops, shmem_vm_ops) has
     * filemap_map_pages, anonymous memory has no vm_ops and never gets this far (do_anonymous_page), and
     * special_mapping_vmops has none. Simplification: driver mappings without ->map_pages are not told
     * apart from files (a trace does not say what a file is); they could only add fallbacks.
     */
    public boolean hasMapPages() {
        return !specialMapping;
    }

    /**
     * A private VMA without an anon_vma: a fault that must allocate an anonymous page in it
     * (mm/memory.c: do_anonymous_page, do_cow_fault for private file mappings, wp_page_copy)
     * first calls vmf_anon_prepare(). Shared mappings (shmem or file) never get one.
     */
    public boolean needsAnonVma() {
        return anonVma == 0 && (flags & VmaFlags.SHARED) == 0 && !specialMapping;
    }

    /** The fault gives the VMA an anon_vma (mm/rmap.c: __anon_vma_prepare()). */
    public void anonVmaPrepare(long id) {
        if (needsAnonVma()) anonVma = id;
    }

    @Override
    public String toString() {
        return "vma@%d[%x-%x %s%s%s pgoff %x%s]".formatted(address, start, end,
                (flags & VmaFlags.READ) != 0 ? "r" : "-", (flags & VmaFlags.WRITE) != 0 ? "w" : "-",
                (flags & VmaFlags.EXEC) != 0 ? "x" : "-", pgoff, file == 0 ? "" : " file " + file);
    }
}
