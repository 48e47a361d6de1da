package dev.vmalab.nativebackend.tree;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.maple.MapleStatus;
import dev.vmalab.model.rcu.RcuStamp;
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
 *
 * <p>The RCU-section oracle ({@link RcuStamp}) lives on this Java side: when an operation leaves
 * a node cached in the struct, the cursor stamps it with the task's read section and a
 * grace-period cookie; an operation that dereferences the cached node (a walk of an active
 * state on the resume-active variant; find, next, prev from an active, overflow or underflow
 * state; the dead-node test) reports STALE_RCU_SECTION when it was read in another section (after
 * ASan's report of the same operation, if any). Simplification: find from an overflow/underflow state on the as-shipped variant
 * re-walks from the root in C but is checked as a use (it can only over-report, on a state
 * nobody resumes in practice).
 */
final class NativeCursor implements TreeCursor {
    private final Kernel kernel;
    private final Task task;
    private final NativeMapleLibrary lib;
    private final NativeMaState mas;
    private final boolean asan;
    private final boolean resumesActive;
    /** The RCU read section the cached node was read in (0: none, or under mmap_lock) and the grace-period cookie then. */
    private long nodeSection;
    private long nodeCookie;
    /** The stamp of the cached node the operation in progress dereferences (0: it uses none), checked after ASan's verdict. */
    private long usedSection;
    private long usedCookie;

    NativeCursor(Kernel kernel, NativeMapleLibrary lib, NativeMaState mas) {
        this.kernel = kernel;
        this.task = kernel.rcu().current();
        this.lib = lib;
        this.mas = mas;
        this.asan = lib.asanEnabled();
        this.resumesActive = lib.resumesActive();
    }

    private NativeCursor(NativeCursor o) {
        this(o.kernel, o.lib, o.mas.copy());
        this.nodeSection = o.nodeSection;
        this.nodeCookie = o.nodeCookie;
    }

    @Override
    public TreeCursor copy() {
        return new NativeCursor(this);
    }

    @Override
    public Object walk() {
        long node = before(resumesActive && mas.status() == dev.vmalab.nativebackend.MapleStatus.ACTIVE);
        long reports = asan ? lib.asanThreadReportCount() : 0;
        long raw = mas.walk();
        return after(raw, node, reports);
    }

    @Override
    public Object find(long limit) {
        long node = before(usesCachedNode());
        long reports = asan ? lib.asanThreadReportCount() : 0;
        long raw = mas.find(KernelIndex.toKernel(limit));
        return after(raw, node, reports);
    }

    @Override
    public Object next(long max) {
        long node = before(usesCachedNode());
        long reports = asan ? lib.asanThreadReportCount() : 0;
        long raw = mas.next(KernelIndex.toKernel(max));
        return after(raw, node, reports);
    }

    @Override
    public Object prev(long min) {
        long node = before(usesCachedNode());
        long reports = asan ? lib.asanThreadReportCount() : 0;
        long raw = mas.prev(KernelIndex.toKernel(min));
        return after(raw, node, reports);
    }

    @Override
    public boolean deadNode() {
        long node = mas.node();
        if (node == 0) return false;
        before(true);
        long reports = asan ? lib.asanThreadReportCount() : 0;
        boolean dead = mas.deadNode();
        asanAfter(node, reports);
        sectionAfter(node);
        return dead;
    }

    /** find/next/prev read the cached node from these states (mas_find(), mas_next_setup(), mas_prev_setup()). */
    private boolean usesCachedNode() {
        var st = mas.status();
        return st == dev.vmalab.nativebackend.MapleStatus.ACTIVE || st == dev.vmalab.nativebackend.MapleStatus.OVERFLOW
                || st == dev.vmalab.nativebackend.MapleStatus.UNDERFLOW;
    }

    /**
     * Before an operation: the RCU precondition, the stamp of the cached node when it will
     * dereference it, and the scheduler's yield. Returns the cached node (for reports).
     */
    private long before(boolean usesCachedNode) {
        long node = mas.node();
        NativeChecks.beforeRead(kernel, task, node);
        usedSection = usesCachedNode && node != 0 ? nodeSection : 0;
        usedCookie = nodeCookie;
        kernel.scheduling().yieldAt(YieldPoint.WALK_NODE);
        return node;
    }

    /**
     * The RCU-section oracle on the node the operation dereferenced. After ASan's verdict, so that
     * when both see the same bad read the kernel code's own report (USE_AFTER_FREE) comes first.
     */
    private void sectionAfter(long node) {
        if (usedSection != 0) NativeChecks.sectionCheck(kernel, task, node, usedSection, usedCookie);
        usedSection = 0;
    }

    /** The first ASan report the operation raised on this thread, as one violation; true if there was one. */
    private boolean asanAfter(long node, long reportsBefore) {
        if (!asan) return false;
        long raised = lib.asanThreadReportCount() - reportsBefore;
        if (raised <= 0) return false;
        lib.takeAsanThreadReport().ifPresent(r -> NativeChecks.asan(kernel, task, node, r, raised));
        return true;
    }

    private Object after(long raw, long node, long reportsBefore) {
        boolean bad = asanAfter(node, reportsBefore);
        sectionAfter(node);
        stamp();
        // Simplification: the kernel would go on with the value read from freed memory. When it
        // decodes to a VMA whose vma_start_read() keeps failing, a no-reset retry walks the same
        // freed leaf forever (stress --threads 4 --seed 5 did); the violation is recorded, so
        // the walk finds nothing and the lookup aborts. Cannot change a verdict.
        return bad ? null : decode(raw, node);
    }

    /** Stamps the node the operation left cached with this task's read section (0 under mmap_lock). */
    private void stamp() {
        nodeSection = mas.node() == 0 ? 0 : RcuStamp.section(task);
        nodeCookie = kernel.rcu().getStateSynchronizeRcu();
    }

    private Object decode(long raw, long node) {
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
