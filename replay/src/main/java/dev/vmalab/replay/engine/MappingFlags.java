package dev.vmalab.replay.engine;

import dev.vmalab.model.vma.VmaFlags;

/** mmap()'s prot and MAP_* flags (x86-64 values) turned into the model's VMA flags. */
final class MappingFlags {
    private MappingFlags() {}

    static final int MAP_SHARED = 0x01;
    static final int MAP_FIXED = 0x10;
    static final int MAP_ANONYMOUS = 0x20;
    static final int MAP_GROWSDOWN = 0x100;

    static final int MAP_NORESERVE = 0x4000;
    static final int MAP_STACK = 0x20000;

    /**
     * do_mmap() (mm/mmap.c): calc_vm_prot_bits + calc_vm_flag_bits (include/linux/mman.h: MAP_GROWSDOWN,
     * MAP_STACK -> VM_NOHUGEPAGE), MAP_NORESERVE -> VM_NORESERVE (overcommit is not "never"); MapOps.mmap adds
     * VM_ACCOUNT. Simplification: MAP_LOCKED, MAP_SYNC and the VM_MAY* bits are not kept (no merge of the
     * samples hangs on them).
     */
    static int vmaFlags(int prot, int mapFlags, boolean stack) {
        int f = VmaFlags.fromProt(prot);
        if ((mapFlags & MAP_SHARED) != 0) f |= VmaFlags.SHARED;
        if ((mapFlags & MAP_GROWSDOWN) != 0 || stack) f |= VmaFlags.GROWSDOWN;
        if ((mapFlags & MAP_STACK) != 0) f |= VmaFlags.NOHUGEPAGE;
        if ((mapFlags & MAP_NORESERVE) != 0) f |= VmaFlags.NORESERVE;
        return f;
    }

    static boolean fixed(int mapFlags) {
        return (mapFlags & MAP_FIXED) != 0;
    }

    static boolean shared(int mapFlags) {
        return (mapFlags & MAP_SHARED) != 0;
    }
}
