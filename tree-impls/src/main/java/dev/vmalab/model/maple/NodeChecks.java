package dev.vmalab.model.maple;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.check.Violation;
import dev.vmalab.model.check.ViolationKind;
import dev.vmalab.model.mem.NodeState;
import dev.vmalab.model.rcu.RcuStamp;
import dev.vmalab.model.rcu.Task;

/**
 * What KASAN (and more) would say about a reader's node access: freed memory,
 * memory reallocated since the pointer was read, or no RCU / mmap_lock held.
 */
final class NodeChecks {
    private NodeChecks() {}

    /**
     * A reader is about to read {@code node}'s pivots and slots; it got the
     * pointer when the node was at {@code generation}. Returns whether the
     * memory was still that node (so {@link #afterRead} has something to add).
     */
    static boolean beforeRead(Kernel kernel, Task task, MapleNode node, long generation) {
        task.nodeRead();
        if (!kernel.checks()) return false;
        boolean clean = true;
        if (node.state() == NodeState.FREED) {
            report(kernel, task, ViolationKind.USE_AFTER_FREE, node,
                    "read of freed maple node (slab-use-after-free in mtree_range_walk)");
            clean = false;
        } else if (node.generation() != generation) {
            report(kernel, task, ViolationKind.STALE_NODE, node,
                    "read of maple node reallocated since the pointer was read (expected gen " + generation + ")");
            clean = false;
        }
        if (!task.inRcuReadSection() && !task.holdsMmapLock()) {
            report(kernel, task, ViolationKind.RCU_NOT_HELD, node, "maple node read outside rcu_read_lock() and mmap_lock");
        }
        return clean;
    }

    /**
     * The reader has read the pivots and the slot it needs: if the memory was
     * freed or reallocated while it read (it started clean), what it read is
     * stale. KASAN checks every access; this is the second check of two.
     */
    static void afterRead(Kernel kernel, Task task, MapleNode node, long generation) {
        if (node.generation() != generation) {
            report(kernel, task, ViolationKind.STALE_NODE, node,
                    "maple node freed and reallocated while it was being read (expected gen " + generation + ")");
        }
    }

    /**
     * A maple state is about to dereference its cached {@code node}, read in RCU read section
     * {@code readSection} (0: read under mmap_lock, bound to no section) with grace-period
     * cookie {@code cookie}. Another section (or none) is a violation however the race went.
     * Returns true when it reported (the caller counts that use once).
     */
    static boolean sectionCheck(Kernel kernel, Task task, MapleNode node, long readSection, long cookie) {
        if (!kernel.checks() || !RcuStamp.stale(task, readSection)) return false;
        report(kernel, task, ViolationKind.STALE_RCU_SECTION, node, RcuStamp.detail(kernel.rcu(), task, readSection, cookie));
        return true;
    }

    private static void report(Kernel kernel, Task task, ViolationKind kind, MapleNode node, String detail) {
        kernel.violations().report(new Violation(kind, task.name(), task.strategy(), task.lookupAddress(),
                node.describe(), node.history(), detail, kernel.currentStep()));
    }
}
