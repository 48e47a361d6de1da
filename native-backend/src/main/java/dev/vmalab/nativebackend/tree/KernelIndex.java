package dev.vmalab.nativebackend.tree;

import dev.vmalab.model.tree.RangeTree;

/**
 * The model's indices are longs in [0, {@link RangeTree#MAX}], where MAX (Long.MAX_VALUE) stands
 * for ULONG_MAX; the kernel's are unsigned longs up to 2^64-1. MAX goes in as ULONG_MAX (so
 * "to the end" means the same range on both sides) and anything from 2^63 up comes back as MAX.
 */
final class KernelIndex {
    private KernelIndex() {}

    static final long ULONG_MAX = -1L;

    static long toKernel(long index) {
        return index == RangeTree.MAX ? ULONG_MAX : index;
    }

    static long fromKernel(long index) {
        return index < 0 ? RangeTree.MAX : index;
    }
}
