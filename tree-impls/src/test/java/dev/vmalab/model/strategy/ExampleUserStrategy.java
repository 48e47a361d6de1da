package dev.vmalab.model.strategy;

import dev.vmalab.model.lookup.RetryLoopLookup;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.VmaIterator;

/** What a user's plug-in looks like: one class, one line in META-INF/services. */
public final class ExampleUserStrategy extends RetryLoopLookup {
    @Override
    public String name() {
        return "example-user";
    }

    @Override
    public String description() {
        return "a user strategy loaded through ServiceLoader (re-sets the state like mas-set)";
    }

    @Override
    protected void resetForRetry(VmaIterator vmi, Mm mm, long address) {
        vmi.set(address);
    }
}
