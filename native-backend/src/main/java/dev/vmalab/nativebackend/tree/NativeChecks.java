package dev.vmalab.nativebackend.tree;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.check.Violation;
import dev.vmalab.model.check.ViolationKind;
import dev.vmalab.model.rcu.RcuStamp;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.nativebackend.AsanReport;

/**
 * The native backend's violation sources, reported like the Java model's NodeChecks: the RCU
 * precondition of a walk, ASan's verdict after it, and an entry that is no VMA at all.
 */
final class NativeChecks {
    private NativeChecks() {}

    /** mas_walk()/mas_find() "must hold rcu_read_lock or the write lock" (lib/maple_tree.c). */
    static void beforeRead(Kernel kernel, Task task, long node) {
        if (kernel.checks() && !task.inRcuReadSection() && !task.holdsMmapLock()) {
            report(kernel, task, ViolationKind.RCU_NOT_HELD, node, "-",
                    "native maple walk outside rcu_read_lock() and mmap_lock");
        }
    }

    /** The cached node was read in another RCU read section than this one: the oracle's violation (model: NodeChecks). */
    static void sectionCheck(Kernel kernel, Task task, long node, long readSection, long cookie) {
        if (kernel.checks() && RcuStamp.stale(task, readSection)) {
            report(kernel, task, ViolationKind.STALE_RCU_SECTION, node, "-", RcuStamp.detail(kernel.rcu(), task, readSection, cookie));
        }
    }

    /**
     * One bad walk, one violation: ASan raised {@code reports} reports (one per faulting load);
     * the first names the access. ASan's access stack goes in the detail, the free and
     * allocation stacks in the node history. ASan has no kind for "reallocated since read" (its
     * quarantine keeps freed memory unreused for a while): every report is a use-after-free
     * or worse, and is reported as {@link ViolationKind#USE_AFTER_FREE} with ASan's own kind
     * named.
     */
    static void asan(Kernel kernel, Task task, long node, AsanReport first, long reports) {
        String detail = "ASan " + first.kind() + " (" + first.access() + ") in " + String.join(" <- ", AsanReport.brief(first.accessStack()))
                + (reports > 1 ? " [" + reports + " ASan reports in this walk]" : "");
        String history = "freed by: " + String.join(" <- ", AsanReport.brief(first.freedByStack()))
                + "; allocated by: " + String.join(" <- ", AsanReport.brief(first.allocatedByStack()));
        report(kernel, task, ViolationKind.USE_AFTER_FREE, node, history, detail);
    }

    /** A walk returned a value that is no entry vmalab stored: it read memory that is no longer a node. */
    static void garbageEntry(Kernel kernel, Task task, long node, long raw) {
        report(kernel, task, ViolationKind.USE_AFTER_FREE, node, "-",
                "native maple walk returned 0x" + Long.toHexString(raw) + ", which is no stored VMA (read freed memory)");
    }

    private static void report(Kernel kernel, Task task, ViolationKind kind, long node, String history, String detail) {
        kernel.violations().report(new Violation(kind, task.name(), task.strategy(), task.lookupAddress(),
                "maple_enode 0x" + Long.toHexString(node), history, detail, kernel.currentStep()));
    }
}
