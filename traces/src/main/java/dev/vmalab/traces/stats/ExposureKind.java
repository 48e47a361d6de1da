package dev.vmalab.traces.stats;

/**
 * What another thread's change did to the VMA a fault could have found just before it: the
 * retry matrix's shapes (tree-impls {@code dev.vmalab.model.retry.Scenarios}; {@link #row()}
 * is the matrix row that scripts the shape), plus the two shapes no lookup strategy can tell
 * apart. {@link ExposureClassifier} decides the kind; {@code trace stats} counts exposed
 * faults per kind and replay's paired accounting names captured -EAGAINs by the same kinds.
 * Kernel paths: function names as in Linux 6.18 mm/vma.c, mm/mremap.c, mm/mmap.c; the lines were
 * read in Debian's 6.12 source (vms_gather_munmap_vmas() mm/vma.c:1229/1250, vma_modify()
 * :1460/1468, vma_merge_new_range() :924, do_brk_flags() mm/mmap.c:1821); __split_vma()'s new_below
 * (the original keeps the upper part when 1) read again in a 2025 torvalds/linux mm/vma.c (01c373e9).
 */
public enum ExposureKind {
    /** munmap of V's part below the fault: vms_gather_munmap_vmas() splits new_below = 1, V detached, a new VMA keeps the rest. */
    MUNMAP_BELOW("munmap-below", "the part below the address unmapped, nothing at the old vm_start"),
    /** munmap (or mremap / brk shrinking) of V's part above the fault: V detached, a new VMA keeps the part below. */
    MUNMAP_ABOVE("munmap-above", "the part above the address unmapped (munmap, mremap or brk shrink: do_vmi_munmap())"),
    /** munmap of the fault's page: nothing maps the address now. */
    MUNMAP_AROUND("munmap-around", "the address unmapped"),
    /** MAP_FIXED over the whole of V: __mmap_region() unmaps V (detached), a new VMA has its range. */
    MAP_FIXED_OVER("map-fixed-over", "a new VMA over exactly the old range (MAP_FIXED)"),
    /** MAP_FIXED over V's part below the fault: V detached, the address in a new VMA, another VMA at the old vm_start. */
    MAP_FIXED_BELOW("map-fixed-below", "a new mapping over the part below the address (MAP_FIXED)"),
    /** MAP_FIXED over V's part above the fault: V detached, the address in a new VMA from the old vm_start. */
    MAP_FIXED_ABOVE("map-fixed-above", "a new mapping over the part above the address (MAP_FIXED)"),
    /** mprotect of V's lower part: vma_modify() splits, V (the changed part or, merged, the rest) stays attached. */
    MPROTECT_SPLIT_LOW("mprotect-split-low", "mprotect split off the part below the address (V stays attached)"),
    /** mprotect of V's upper part: split_vma(vma, start, 1): a new VMA below, V keeps the changed part attached. */
    MPROTECT_SPLIT_HIGH("mprotect-split-high", "mprotect split off the part above the address (V stays attached)"),
    /** mremap moving V: move_vma() copies it and unmaps the old range: nothing at the address. */
    MREMAP_MOVE("mremap-move", "mremap moved the VMA away"),
    /** mremap growing V in place (vma_expand()), brk growing the heap, or a new mapping merged onto V: V stays attached. */
    MREMAP_GROW("mremap-grow", "grown in place (mremap, brk, or a mapping merged onto it: vma_expand())"),
    /** V merged into its neighbour (vma_merge_existing_range()): V removed, the neighbour now spans the address. */
    MERGE("merge-neighbour", "merged with its neighbour: the VMA at the address reaches beyond the old range"),
    /** madvise changing vm_flags of part of V (madvise_update_vma() -> vma_modify()): split, V attached. */
    MADVISE_SPLIT("madvise-split", "madvise split part of it off (V stays attached)"),
    /** No VMA held the address before the change (a fresh mapping, a moved-to range): no found VMA went stale. */
    NEW_MAPPING(null, "no VMA held the address before: nothing a lookup found went stale"),
    /** V kept its object and range (flags changed in place, the middle of a split): no -EAGAIN, no retry. */
    IN_PLACE(null, "the VMA at the address kept its object and range (changed in place)");

    private final String row;
    private final String description;

    ExposureKind(String row, String description) {
        this.row = row;
        this.description = description;
    }

    /** The matrix row (matrix.csv {@code scenario}) that scripts this shape; null when none needs to (no retry). */
    public String row() {
        return row;
    }

    /** The name result files use: the matrix row, or the kind's own lower-case name. */
    public String label() {
        return row != null ? row : name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public String description() {
        return description;
    }

    /** The kind written as {@code label}, or null. */
    public static ExposureKind ofLabel(String label) {
        for (ExposureKind k : values()) {
            if (k.label().equals(label)) return k;
        }
        return null;
    }
}
