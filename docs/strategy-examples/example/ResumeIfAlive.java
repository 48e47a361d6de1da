package example;

import dev.vmalab.model.lookup.RetryLoopLookup;
import dev.vmalab.model.tree.TreeCursor;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaIterator;

/** Resume the old state unless its cached node is dead. Looks safe; the dead test itself reads a stale node. */
public final class ResumeIfAlive extends RetryLoopLookup {
    @Override public String name() { return "resume-if-alive"; }

    @Override public String description() { return "retry: mte_dead_node(mas.node) ? mas_set(address) : resume"; }

    @Override protected void resetForRetry(VmaIterator vmi, Mm mm, long address) {} // keep the state

    @Override protected Vma walkOnRetry(VmaIterator vmi, Mm mm, long address) {
        TreeCursor mas = vmi.state();
        if (mas.isActive() && mas.deadNode()) mas.set(address); // the node is from the last RCU section
        return vmi.load();
    }
}
