package dev.vmalab.nativebackend.diff;

/**
 * What a differential run knows about a step besides the two results.
 *
 * @param treeEmpty        the kernel's tree holds no entry
 * @param rootIsEntry      the kernel's tree holds exactly one entry, at [0, 0]: the kernel keeps it
 *                         in {@code mt->ma_root} itself, with no node
 * @param wholeRange       the kernel's tree holds one entry over [0, ULONG_MAX]
 * @param cursorAfterWrite the cursor last walked or found before a store or erase since (its
 *                         node may be dead)
 */
record StepContext(boolean treeEmpty, boolean rootIsEntry, boolean wholeRange, boolean cursorAfterWrite) {}
