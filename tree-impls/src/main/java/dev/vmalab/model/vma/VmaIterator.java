package dev.vmalab.model.vma;

import dev.vmalab.model.tree.RangeTree;
import dev.vmalab.model.tree.TreeCursor;

/** struct vma_iterator (mm/vma.h, include/linux/mm.h): a maple state over an mm's tree. */
public final class VmaIterator {
    private TreeCursor mas;

    /** VMA_ITERATOR(name, mm, addr) / vma_iter_init(). */
    public VmaIterator(Mm mm, long address) {
        this.mas = mm.tree().cursor(address, address);
    }

    /** vma_iter_init(): a fresh state, as if newly declared. */
    public void init(Mm mm, long address) {
        this.mas = mm.tree().cursor(address, address);
    }

    private VmaIterator(TreeCursor mas) {
        this.mas = mas;
    }

    /** {@code struct vma_iterator copy = *vmi}: an independent iterator over a copy of the maple state (TreeCursor.copy()). */
    public VmaIterator copy() {
        return new VmaIterator(mas.copy());
    }

    /** The maple state: every mas_* operation a strategy may call (TreeCursor). */
    public TreeCursor state() {
        return mas;
    }

    /** vma_iter_set() = mas_set(). */
    public void set(long address) {
        mas.set(address);
    }

    /** vma_iter_reset() = mas_reset(): keeps the stale index. */
    public void reset() {
        mas.reset();
    }

    /** vma_iter_load() = mas_walk(). */
    public Vma load() {
        return (Vma) mas.walk();
    }

    /** vma_next() = mas_find(ULONG_MAX). */
    public Vma next() {
        return (Vma) mas.find(RangeTree.MAX);
    }

    /** vma_find(vmi, max) = mas_find(max - 1). */
    public Vma find(long max) {
        return (Vma) mas.find(max - 1);
    }

    /** vma_iter_addr(). */
    public long index() {
        return mas.index();
    }
}
