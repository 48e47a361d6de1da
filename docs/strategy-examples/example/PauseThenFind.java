package example;

import dev.vmalab.model.lookup.RetryLoopLookup;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaIterator;

/** mas_pause() as RCU is dropped, then mas_find(address) under the new section: memory-safe, but it aborts. */
public final class PauseThenFind extends RetryLoopLookup {
    @Override public String name() { return "pause-then-find"; }

    @Override public String description() { return "retry: mas_pause(&mas), then mas_find(&mas, address)"; }

    @Override protected void resetForRetry(VmaIterator vmi, Mm mm, long address) { vmi.state().pause(); }

    @Override protected Vma walkOnRetry(VmaIterator vmi, Mm mm, long address) {
        return (Vma) vmi.state().find(address); // a paused find continues after mas.last: past the address
    }
}
