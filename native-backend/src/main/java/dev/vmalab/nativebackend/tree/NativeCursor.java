package dev.vmalab.nativebackend.tree;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.maple.MapleStatus;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.sched.YieldPoint;
import dev.vmalab.model.tree.TreeCursor;
import dev.vmalab.nativebackend.MapleEntry;
import dev.vmalab.nativebackend.NativeMaState;
import dev.vmalab.nativebackend.NativeMapleLibrary;
import dev.vmalab.model.vma.Vma;

/**
 * A {@code struct ma_state} of the kernel's code behind the model's {@link TreeCursor}: the
 * lookup strategies run unchanged on it. Lives on one thread, like MA_STATE(); the struct is in
 * a Java array (no malloc per lookup).
 *
 * <p>Around each {@code mas_walk()}/{@code mas_find()}: the RCU precondition is checked; the
 * model's scheduler gets one {@link YieldPoint#WALK_NODE} before the call (the native walk itself
 * is one step: C code has no yield points); afterwards, in the ASan flavour, the first ASan report
 * the walk raised on this thread becomes one USE_AFTER_FREE violation. The entry is mapped back
 * from {@link MapleEntry} to the VMA object ({@code kernel.vmas().byAddress}); a value that is no
 * stored VMA (read from freed memory) is reported and returned as null.
 */
final class NativeCursor implements TreeCursor {
    private final Kernel kernel;
    private final Task task;
    private final NativeMapleLibrary lib;
    private final NativeMaState mas;
    private final boolean asan;

    NativeCursor(Kernel kernel, NativeMapleLibrary lib, NativeMaState mas) {
        this.kernel = kernel;
        this.task = kernel.rcu().current();
        this.lib = lib;
        this.mas = mas;
        this.asan = lib.asanEnabled();
    }

    @Override
    public Object walk() {
        long node = mas.node();
        NativeChecks.beforeRead(kernel, task, node);
        kernel.scheduling().yieldAt(YieldPoint.WALK_NODE);
        long before = asan ? lib.asanThreadReportCount() : 0;
        long raw = mas.walk();
        return after(raw, node, before);
    }

    @Override
    public Object find(long limit) {
        long node = mas.node();
        NativeChecks.beforeRead(kernel, task, node);
        kernel.scheduling().yieldAt(YieldPoint.WALK_NODE);
        long before = asan ? lib.asanThreadReportCount() : 0;
        long raw = mas.find(KernelIndex.toKernel(limit));
        return after(raw, node, before);
    }

    private Object after(long raw, long node, long reportsBefore) {
        if (asan) {
            long raised = lib.asanThreadReportCount() - reportsBefore;
            if (raised > 0) {
                lib.takeAsanThreadReport().ifPresent(r -> NativeChecks.asan(kernel, task, node, r, raised));
                // Simplification: the kernel would go on with the value read from freed memory. When it
                // decodes to a VMA whose vma_start_read() keeps failing, a no-reset retry walks the same
                // freed leaf forever (stress --threads 4 --seed 5 did); the violation is recorded, so
                // the walk finds nothing and the lookup aborts. Cannot change a verdict.
                return null;
            }
        }
        if (raw == 0) return null;
        Vma vma = MapleEntry.isEntry(raw) ? kernel.vmas().byAddress(toAddress(raw)) : null;
        if (vma == null) NativeChecks.garbageEntry(kernel, task, node, raw);
        return vma;
    }

    private static int toAddress(long raw) {
        long id = MapleEntry.id(raw);
        return id > Integer.MAX_VALUE ? -1 : (int) id;
    }

    @Override
    public void set(long index) {
        mas.set(KernelIndex.toKernel(index));
    }

    @Override
    public void setRange(long first, long last) {
        mas.setRange(KernelIndex.toKernel(first), KernelIndex.toKernel(last));
    }

    @Override
    public void reset() {
        mas.reset();
    }

    @Override
    public void pause() {
        mas.pause();
    }

    @Override
    public long index() {
        return KernelIndex.fromKernel(mas.index());
    }

    @Override
    public long last() {
        return KernelIndex.fromKernel(mas.last());
    }

    @Override
    public MapleStatus status() {
        return STATUS[mas.status().ordinal()];
    }

    /** The encoded node the state points at (0 when none): for tests and reports. */
    long node() {
        return mas.node();
    }

    // Both enums list enum maple_status in the kernel's order; map by name to be safe.
    private static final MapleStatus[] STATUS = new MapleStatus[dev.vmalab.nativebackend.MapleStatus.values().length];

    static {
        for (dev.vmalab.nativebackend.MapleStatus s : dev.vmalab.nativebackend.MapleStatus.values()) {
            STATUS[s.ordinal()] = MapleStatus.valueOf(s.name());
        }
    }
}
