package dev.vmalab.model.rcu;

/**
 * The model's {@code current}: per-thread state the kernel keeps in the task
 * and per CPU. A thread gets one from {@link Rcu#current()}; code that runs
 * often holds on to it instead of asking again.
 */
public final class Task {
    final String name;
    /** rcu_read_lock() nesting depth. */
    int rcuDepth;
    /** Clock stamp when the outermost read section began; 0 outside. Read by grace-period scans. */
    volatile long rcuEnteredAt;
    /** mmap_lock holds (read or write): node reads under it need no RCU. */
    int mmapLockDepth;
    /** Strategy whose lookup runs now, for violation reports. */
    String strategy = "-";
    /** Address of the lookup in progress, for violation reports. */
    long lookupAddress;
    /** Maple nodes read since the counter was last reset (nodes visited per lookup). */
    long nodesRead;

    Task(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public boolean inRcuReadSection() {
        return rcuDepth > 0;
    }

    public boolean holdsMmapLock() {
        return mmapLockDepth > 0;
    }

    public void mmapLockAcquired() {
        mmapLockDepth++;
    }

    public void mmapLockReleased() {
        mmapLockDepth--;
    }

    public String strategy() {
        return strategy;
    }

    /** Names the lookup now running on this thread, for violation reports. */
    public void beginLookup(String strategyName, long address) {
        this.strategy = strategyName;
        this.lookupAddress = address;
    }

    public long lookupAddress() {
        return lookupAddress;
    }

    public void nodeRead() {
        nodesRead++;
    }

    public long nodesRead() {
        return nodesRead;
    }
}
