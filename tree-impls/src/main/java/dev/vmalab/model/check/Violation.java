package dev.vmalab.model.check;

/**
 * One correctness violation, with what is needed to find it again: the
 * thread, the strategy, the address looked up, the node involved and its
 * history (allocated / dead / freed / reused at which model step).
 */
public record Violation(ViolationKind kind, String thread, String strategy, long address, String node,
                        String nodeHistory, String detail, long step) {
    @Override
    public String toString() {
        return "%s by %s (strategy %s) at 0x%x: %s; node %s [%s]"
                .formatted(kind, thread, strategy, address, detail, node, nodeHistory);
    }
}
