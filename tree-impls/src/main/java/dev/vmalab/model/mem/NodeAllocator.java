package dev.vmalab.model.mem;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The maple node slab, shared by every mm (lib/maple_tree.c: maple_node_cache).
 * Freed memory is poisoned and kept in a FIFO quarantine (like KASAN's) of
 * {@code quarantine} nodes; past it, memory goes to a LIFO free list (like
 * SLUB's per-CPU freelist) and is handed out again, to any mm. A quarantine of
 * 0 reuses freed memory at once: the next allocation gets it.
 */
public final class NodeAllocator<N extends NodeMemory> {
    private final IntFunction<N> factory;
    private final ArrayDeque<N> quarantined = new ArrayDeque<>();
    private final ArrayDeque<N> freeList = new ArrayDeque<>();
    private final AtomicLong steps;
    private volatile int quarantine;
    private int nextAddress = 1;
    private long allocations;
    private long frees;
    private long reuses;

    public NodeAllocator(IntFunction<N> factory, int quarantine, AtomicLong steps) {
        this.factory = factory;
        this.quarantine = quarantine;
        this.steps = steps;
    }

    public void setQuarantine(int nodes) {
        this.quarantine = nodes;
    }

    public synchronized N allocate(long owner) {
        N node = freeList.pollFirst();
        if (node == null) {
            node = factory.apply(nextAddress++);
        } else {
            reuses++;
            node.previousFreedAt = node.freedAt;
            node.previousOwner = node.owner;
        }
        node.clear();
        node.owner = owner;
        node.allocatedAt = steps.incrementAndGet();
        node.deadAt = -1;
        node.freedAt = -1;
        node.generation++;
        node.state = NodeState.LIVE;
        allocations++;
        return node;
    }

    /** Records that the node was marked dead (replaced); history only. */
    public void markedDead(N node) {
        node.deadAt = steps.incrementAndGet();
    }

    /** kmem_cache_free() after the grace period: poison, quarantine, then recycle. */
    public synchronized void free(N node) {
        if (node.state == NodeState.FREED) throw new IllegalStateException("double free of " + node.describe());
        node.poison();
        node.state = NodeState.FREED;
        node.freedAt = steps.incrementAndGet();
        frees++;
        quarantined.addLast(node);
        while (quarantined.size() > quarantine) {
            freeList.addFirst(quarantined.pollFirst());
        }
    }

    public synchronized long allocations() {
        return allocations;
    }

    public synchronized long frees() {
        return frees;
    }

    public synchronized long reuses() {
        return reuses;
    }

    /** Nodes allocated and not freed. */
    public synchronized long inUse() {
        return allocations - frees;
    }
}
