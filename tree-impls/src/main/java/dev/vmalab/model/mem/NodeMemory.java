package dev.vmalab.model.mem;

/**
 * The memory of one maple node (a 256-byte object of the kernel's
 * maple_node_cache). The object stands for the address: when it is freed and
 * reallocated, a reader that kept the pointer reads the new node's contents.
 * {@code generation} counts allocations of this memory, so the model can tell
 * a reused node from the one the reader meant ({@code STALE_NODE}).
 */
public abstract class NodeMemory {
    private final int address;
    volatile long generation;
    volatile NodeState state = NodeState.LIVE;
    // History, for violation reports: model steps (see NodeAllocator#step).
    long allocatedAt;
    long deadAt = -1;
    long freedAt = -1;
    long previousFreedAt = -1;
    long owner;
    long previousOwner = -1;

    protected NodeMemory(int address) {
        this.address = address;
    }

    public final int address() {
        return address;
    }

    public final long generation() {
        return generation;
    }

    public final NodeState state() {
        return state;
    }

    /** Erases the contents the way slab poisoning would; called when the memory is freed. */
    protected abstract void poison();

    /** Resets the contents for a new allocation. */
    protected abstract void clear();

    public final String describe() {
        return "node@%d gen %d".formatted(address, generation);
    }

    /** allocated / dead / freed / reused, by model step. */
    public final String history() {
        StringBuilder sb = new StringBuilder();
        if (previousFreedAt >= 0) {
            sb.append("previous life (mm ").append(previousOwner).append(") freed at step ").append(previousFreedAt)
                    .append("; reallocated");
        } else {
            sb.append("allocated");
        }
        sb.append(" at step ").append(allocatedAt).append(" for mm ").append(owner);
        if (deadAt >= 0) sb.append("; dead at step ").append(deadAt);
        if (freedAt >= 0) sb.append("; freed at step ").append(freedAt);
        sb.append("; now ").append(state == NodeState.FREED ? "freed (poisoned)" : "allocated");
        return sb.toString();
    }
}
