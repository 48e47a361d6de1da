package dev.vmalab.model.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmalab.model.maple.MapleNode;
import dev.vmalab.model.maple.MapleNodes;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NodeAllocatorTest {

    @Test
    void freedMemoryStaysPoisonedInQuarantineThenIsReusedByAnyOwner() {
        NodeAllocator<MapleNode> alloc = MapleNodes.allocator(2, new AtomicLong());
        MapleNode a = alloc.allocate(1);
        long genA = a.generation();
        alloc.free(a);
        assertThat(a.state()).isEqualTo(NodeState.FREED);
        MapleNode b = alloc.allocate(2);
        assertThat(b).as("still in quarantine").isNotSameAs(a);
        alloc.free(b);
        alloc.free(alloc.allocate(2)); // pushes a out of the quarantine
        MapleNode reused = alloc.allocate(7);
        assertThat(reused).isSameAs(a);
        assertThat(reused.generation()).isGreaterThan(genA);
        assertThat(reused.history()).contains("previous life (mm 1)").contains("for mm 7");
    }

    @Test
    void withoutQuarantineTheLastFreedIsTheNextAllocated() {
        NodeAllocator<MapleNode> alloc = MapleNodes.allocator(0, new AtomicLong());
        MapleNode a = alloc.allocate(1);
        alloc.free(a);
        assertThat(alloc.allocate(1)).isSameAs(a);
        assertThat(alloc.reuses()).isEqualTo(1);
    }

    @Test
    void doubleFreeIsRefused() {
        NodeAllocator<MapleNode> alloc = MapleNodes.allocator(4, new AtomicLong());
        MapleNode a = alloc.allocate(1);
        alloc.free(a);
        assertThatThrownBy(() -> alloc.free(a)).hasMessageContaining("double free");
    }
}
