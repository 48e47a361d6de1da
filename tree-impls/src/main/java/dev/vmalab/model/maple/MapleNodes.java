package dev.vmalab.model.maple;

import dev.vmalab.model.mem.NodeAllocator;
import java.util.concurrent.atomic.AtomicLong;

/** Creates the shared maple node slab (MapleNode's constructor is package-private). */
public final class MapleNodes {
    private MapleNodes() {}

    public static NodeAllocator<MapleNode> allocator(int quarantine, AtomicLong steps) {
        return new NodeAllocator<>(MapleNode::new, quarantine, steps);
    }
}
