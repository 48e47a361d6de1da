package dev.vmalab.replay.engine;

import dev.vmalab.model.vma.VmaFlags;

/** mmap()'s prot and MAP_* flags (x86-64 values) turned into the model's VMA flags. */
final class MappingFlags {
    private MappingFlags() {}

    static final int MAP_SHARED = 0x01;
    static final int MAP_FIXED = 0x10;
    static final int MAP_ANONYMOUS = 0x20;
    static final int MAP_GROWSDOWN = 0x100;

    static int vmaFlags(int prot, int mapFlags, boolean stack) {
        int f = VmaFlags.fromProt(prot);
        if ((mapFlags & MAP_SHARED) != 0) f |= VmaFlags.SHARED;
        if ((mapFlags & MAP_GROWSDOWN) != 0 || stack) f |= VmaFlags.GROWSDOWN;
        return f;
    }

    static boolean fixed(int mapFlags) {
        return (mapFlags & MAP_FIXED) != 0;
    }

    static boolean shared(int mapFlags) {
        return (mapFlags & MAP_SHARED) != 0;
    }
}
