package dev.vmalab.model.maple;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.rcu.Rcu;
import dev.vmalab.model.rcu.Task;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Lincheck model checking: lookups under RCU against concurrent store/erase
 * (writers serialised by a lock, as mmap_lock serialises them) are
 * linearizable, and no interleaving makes a reader touch freed or reused
 * node memory (the default violation sink throws, which fails the check).
 * Strict grace periods and no quarantine make frees and reuse as early as
 * the rules allow. A small budget by default; -Pheavy explores more.
 */
@Param(name = "key", gen = IntGen.class, conf = "0:120")
public class MapleTreeLincheckTest {
    private final Kernel kernel = Kernel.builder().gracePeriods(GracePeriods.STRICT).quarantine(0).build();
    private final MapleTree tree = new MapleTree(kernel, 1);
    private final Object writerLock = new Object();

    public MapleTreeLincheckTest() {
        for (int i = 0; i < 10; i++) {
            long k = i;
            write(() -> tree.store(k * 10, k * 10 + 4, k));
        }
    }

    private void write(Runnable r) {
        synchronized (writerLock) {
            Task t = kernel.rcu().current();
            t.mmapLockAcquired();
            try {
                r.run();
            } finally {
                t.mmapLockReleased();
            }
        }
    }

    @Operation
    public Object load(@Param(name = "key") int key) {
        return tree.load(key);
    }

    /** The first entry at or above key, with its range start: a maps-style step. */
    @Operation
    public String findFrom(@Param(name = "key") int key) {
        Rcu rcu = kernel.rcu();
        Task t = rcu.current();
        rcu.readLock(t);
        try {
            MapleState mas = new MapleState(tree, key, key);
            Object e = mas.find(MapleTree.MAX);
            return e == null ? "none" : e + "@" + mas.index();
        } finally {
            rcu.readUnlock(t);
        }
    }

    @Operation
    public void store(@Param(name = "key") int key) {
        write(() -> tree.store(key, key + 6L, 1000L + key));
    }

    @Operation
    public void erase(@Param(name = "key") int key) {
        write(() -> tree.store(key, key + 15L, null));
    }

    @Test
    void lookupsAreLinearizableAgainstStoresAndErases() {
        boolean heavy = Boolean.getBoolean("vmalab.heavy");
        new ModelCheckingOptions()
                .iterations(heavy ? 60 : 6)
                .invocationsPerIteration(heavy ? 3000 : 150)
                .threads(2)
                .actorsPerThread(2)
                .check(MapleTreeLincheckTest.class);
    }
}
