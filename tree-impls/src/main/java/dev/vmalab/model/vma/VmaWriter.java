package dev.vmalab.model.vma;

/** Field writes for the mutation code (dev.vmalab.model.ops); callers hold the VMA's write lock. */
public final class VmaWriter {
    private VmaWriter() {}

    public static void set(Vma v, long start, long end, int flags, long file, long pgoff) {
        v.start = start;
        v.end = end;
        v.flags = flags;
        v.file = file;
        v.pgoff = pgoff;
    }

    /** vma_set_range(). */
    public static void setRange(Vma v, long start, long end, long pgoff) {
        v.start = start;
        v.end = end;
        v.pgoff = pgoff;
    }

    /** vm_flags_reset(). */
    public static void setFlags(Vma v, int flags) {
        v.flags = flags;
    }

    public static void setAnonVma(Vma v, long anonVma) {
        v.anonVma = anonVma;
    }

    /** vma->vm_ops = &special_mapping_vmops (_install_special_mapping); copied by vm_area_dup(). */
    public static void setSpecialMapping(Vma v, boolean special) {
        v.specialMapping = special;
    }
}
