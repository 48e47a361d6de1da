package dev.vmalab.model;

import dev.vmalab.model.check.ViolationSink;
import dev.vmalab.model.maple.MapleNode;
import dev.vmalab.model.maple.MapleNodes;
import dev.vmalab.model.maple.WalkSemantics;
import dev.vmalab.model.mem.NodeAllocator;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.rcu.Rcu;
import dev.vmalab.model.sched.Scheduling;
import dev.vmalab.model.tree.TreeBackend;
import dev.vmalab.model.vma.VmaCache;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One modelled machine: the things every mm shares. RCU, the maple node slab,
 * the VMA slab (SLAB_TYPESAFE_BY_RCU), the violation checks and the kernel
 * variant. Build one with {@link #builder()}.
 */
public final class Kernel {
    private final AtomicLong steps = new AtomicLong();
    private final AtomicLong mmIds = new AtomicLong();
    private final Rcu rcu;
    private final NodeAllocator<MapleNode> nodes;
    private final VmaCache vmas;
    private final WalkSemantics walkSemantics;
    private final TreeBackend treeBackend;
    private volatile ViolationSink violations;
    private volatile boolean checks;
    private volatile dev.vmalab.model.lookup.RetryObserver retryObserver;

    private Kernel(Builder b) {
        this.rcu = new Rcu(b.gracePeriods, b.lazyBatch);
        this.nodes = MapleNodes.allocator(b.quarantine, steps);
        this.vmas = new VmaCache(steps);
        this.walkSemantics = b.walkSemantics;
        this.treeBackend = b.treeBackend;
        this.violations = b.violations;
        this.checks = b.checks;
        rcu.setScheduling(b.scheduling);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Rcu rcu() {
        return rcu;
    }

    public NodeAllocator<MapleNode> nodes() {
        return nodes;
    }

    public VmaCache vmas() {
        return vmas;
    }

    public WalkSemantics walkSemantics() {
        return walkSemantics;
    }

    /** Which implementation of the maple tree each mm gets. */
    public TreeBackend treeBackend() {
        return treeBackend;
    }

    public ViolationSink violations() {
        return violations;
    }

    public void setViolations(ViolationSink sink) {
        this.violations = sink;
    }

    /** Whether node reads are checked (KASAN-like). Off only to measure what the checks cost. */
    public boolean checks() {
        return checks;
    }

    public void setChecks(boolean on) {
        this.checks = on;
    }

    /** Who is told of each -EAGAIN in lock_vma_under_rcu() (paired retry accounting), or null. */
    public dev.vmalab.model.lookup.RetryObserver retryObserver() {
        return retryObserver;
    }

    public void setRetryObserver(dev.vmalab.model.lookup.RetryObserver observer) {
        this.retryObserver = observer;
    }

    public Scheduling scheduling() {
        return rcu.scheduling();
    }

    public void setScheduling(Scheduling scheduling) {
        rcu.setScheduling(scheduling);
    }

    /** A model step: the clock that orders node and VMA histories. */
    public long step() {
        return steps.incrementAndGet();
    }

    public long currentStep() {
        return steps.get();
    }

    public long nextMmId() {
        return mmIds.incrementAndGet();
    }

    public static final class Builder {
        private GracePeriods gracePeriods = GracePeriods.LAZY;
        private int lazyBatch = 64;
        private int quarantine = 1024;
        private WalkSemantics walkSemantics = WalkSemantics.RESUME_ACTIVE;
        private ViolationSink violations = ViolationSink.THROW;
        private boolean checks = true;
        private Scheduling scheduling = Scheduling.FREE;
        private TreeBackend treeBackend = TreeBackend.JAVA;

        public Builder gracePeriods(GracePeriods g) {
            this.gracePeriods = g;
            return this;
        }

        /** LAZY grace periods: run callbacks when this many are queued. */
        public Builder lazyBatch(int callbacks) {
            this.lazyBatch = callbacks;
            return this;
        }

        /** Freed nodes held (poisoned) before reuse; 0 = reuse at once. */
        public Builder quarantine(int nodes) {
            this.quarantine = nodes;
            return this;
        }

        public Builder walkSemantics(WalkSemantics w) {
            this.walkSemantics = w;
            return this;
        }

        public Builder violations(ViolationSink sink) {
            this.violations = sink;
            return this;
        }

        public Builder checks(boolean on) {
            this.checks = on;
            return this;
        }

        public Builder scheduling(Scheduling s) {
            this.scheduling = s;
            return this;
        }

        /** The maple tree implementation: {@link TreeBackend#JAVA} (default) or the native kernel code. */
        public Builder treeBackend(TreeBackend backend) {
            this.treeBackend = backend;
            return this;
        }

        public Kernel build() {
            return new Kernel(this);
        }
    }
}
