package dev.vmalab.model.vma;

/**
 * The vm_flags bits the model needs (include/linux/mm.h, the kernel's values); merge compares them, so a bit
 * that keeps two VMAs apart in the kernel (ACCOUNT, NORESERVE, NOHUGEPAGE from MAP_STACK) keeps them apart here.
 */
public final class VmaFlags {
    private VmaFlags() {}

    public static final int READ = 0x1;
    public static final int WRITE = 0x2;
    public static final int EXEC = 0x4;
    public static final int SHARED = 0x8;
    public static final int PROT_MASK = READ | WRITE | EXEC;
    public static final int GROWSDOWN = 0x100;
    public static final int SEQ_READ = 0x8000;
    public static final int RAND_READ = 0x10000;
    public static final int DONTCOPY = 0x20000;
    public static final int DONTEXPAND = 0x40000;
    /** Committed memory is charged for it (mm/mmap.c: accountable_mapping(); mprotect_fixup() adds it). */
    public static final int ACCOUNT = 0x100000;
    /** MAP_NORESERVE (do_mmap(), overcommit allowed): not charged, and never gains ACCOUNT. */
    public static final int NORESERVE = 0x200000;
    public static final int WIPEONFORK = 0x2000000;
    public static final int DONTDUMP = 0x4000000;
    public static final int HUGEPAGE = 0x20000000;
    public static final int NOHUGEPAGE = 0x40000000;
    public static final int MERGEABLE = 0x80000000;

    /** The flags a mapping gets from mmap's prot (PROT_READ=1, PROT_WRITE=2, PROT_EXEC=4). */
    public static int fromProt(int prot) {
        return prot & PROT_MASK;
    }
}
