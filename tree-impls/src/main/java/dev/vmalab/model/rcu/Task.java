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
    /** Outermost read sections this task has entered; the current one's number is {@link #rcuSection}. */
    long rcuSections;
    /** Number of the outermost read section the task is in (1, 2, ...); 0 outside. */
    long rcuSection;
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

    /**
     * The read section a pointer read now belongs to: its number, or 0 when the task is outside
     * any section or holds mmap_lock (a pointer read under mmap_lock is not bound to a section).
     */
    public long rcuSection() {
        return mmapLockDepth > 0 ? 0 : rcuSection;
    }

    /** The number of the read section the task is in now (0 outside), whatever locks it holds. */
    public long currentRcuSection() {
        return rcuSection;
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
