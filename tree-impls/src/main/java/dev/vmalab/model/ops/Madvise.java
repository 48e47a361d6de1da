package dev.vmalab.model.ops;

import dev.vmalab.model.vma.VmaFlags;

/** madvise() advice that changes vm_flags (mm/madvise.c: madvise_vma_behavior()). */
public final class Madvise {
    private Madvise() {}

    public record FlagChange(int set, int clear) {}

    public static final int MADV_NORMAL = 0;
    public static final int MADV_RANDOM = 1;
    public static final int MADV_SEQUENTIAL = 2;
    public static final int MADV_WILLNEED = 3;
    public static final int MADV_DONTNEED = 4;
    public static final int MADV_FREE = 8;
    public static final int MADV_DONTFORK = 10;
    public static final int MADV_DOFORK = 11;
    public static final int MADV_MERGEABLE = 12;
    public static final int MADV_UNMERGEABLE = 13;
    public static final int MADV_HUGEPAGE = 14;
    public static final int MADV_NOHUGEPAGE = 15;
    public static final int MADV_DONTDUMP = 16;
    public static final int MADV_DODUMP = 17;
    public static final int MADV_WIPEONFORK = 18;
    public static final int MADV_KEEPONFORK = 19;

    /** The flag change for {@code advice}, or null when it changes no VMA. */
    public static FlagChange flagChange(int advice) {
        return switch (advice) {
            case MADV_NORMAL -> new FlagChange(0, VmaFlags.SEQ_READ | VmaFlags.RAND_READ);
            case MADV_RANDOM -> new FlagChange(VmaFlags.RAND_READ, VmaFlags.SEQ_READ);
            case MADV_SEQUENTIAL -> new FlagChange(VmaFlags.SEQ_READ, VmaFlags.RAND_READ);
            case MADV_DONTFORK -> new FlagChange(VmaFlags.DONTCOPY, 0);
            case MADV_DOFORK -> new FlagChange(0, VmaFlags.DONTCOPY);
            case MADV_MERGEABLE -> new FlagChange(VmaFlags.MERGEABLE, 0);
            case MADV_UNMERGEABLE -> new FlagChange(0, VmaFlags.MERGEABLE);
            case MADV_HUGEPAGE -> new FlagChange(VmaFlags.HUGEPAGE, VmaFlags.NOHUGEPAGE);
            case MADV_NOHUGEPAGE -> new FlagChange(VmaFlags.NOHUGEPAGE, VmaFlags.HUGEPAGE);
            case MADV_DONTDUMP -> new FlagChange(VmaFlags.DONTDUMP, 0);
            case MADV_DODUMP -> new FlagChange(0, VmaFlags.DONTDUMP);
            case MADV_WIPEONFORK -> new FlagChange(VmaFlags.WIPEONFORK, 0);
            case MADV_KEEPONFORK -> new FlagChange(0, VmaFlags.WIPEONFORK);
            default -> null;
        };
    }
}
