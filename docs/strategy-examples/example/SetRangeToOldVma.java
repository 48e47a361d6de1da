package example;

import dev.vmalab.model.lookup.RetryLoopLookup;
import dev.vmalab.model.tree.TreeCursor;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.VmaIterator;

/** mas_set_range() to the range the failed walk found (the old VMA's): memory-safe, keeps the stale index. */
public final class SetRangeToOldVma extends RetryLoopLookup {
    @Override public String name() { return "set-range-old-vma"; }

    @Override public String description() { return "retry: mas_set_range(&mas, mas.index, mas.last) (the old VMA's range)"; }

    @Override protected void resetForRetry(VmaIterator vmi, Mm mm, long address) {
        TreeCursor mas = vmi.state();
        mas.setRange(mas.index(), mas.last()); // status start, node NULL: the retry walks from the root
    }
}
