package dev.vmalab.model.maple;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.rcu.Rcu;
import dev.vmalab.model.rcu.Task;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Lincheck model checking of the maple tree in RCU mode: lookups
 * ({@code load} = mtree_load, {@code findFrom} = a mas_find step) under
 * rcu_read_lock() against concurrent {@code store}/{@code erase} (writers
 * serialised by a lock, as mmap_lock serialises them).
 *
 * <p>What it checks:
 * <ul>
 * <li>linearizability: each load/find result (the entry, and for find the
 *     start of its range) must equal the result in some sequential order of
 *     the operations that respects real time; the sequential specification is
 *     this class run one operation at a time;</li>
 * <li>memory safety: every node a reader enters goes through
 *     {@link NodeChecks}. With the default violation sink, reading a freed node
 *     (USE_AFTER_FREE) or a reallocated one (STALE_NODE) throws
 *     {@code ViolationError}. No sequential run produces that result, so
 *     Lincheck reports it together with the interleaving. Strict grace periods
 *     and no quarantine make frees and reuse happen as early as the rules allow;</li>
 * <li>after each run, the tree's structure ({@link MapleTree#verify()}).</li>
 * </ul>
 *
 * <p>Why {@code loopIterationsBeforeThreadSwitch}: Lincheck's spin-loop
 * detector (default: 10 iterations) mistakes a writer's ordinary bounded loops
 * (walking down, copying items into new nodes) for a busy wait. It then forces
 * a switch back to the reader before the writer has published anything. As a
 * result, no explored interleaving ever let a store finish inside a reader's
 * walk, and the check could not fail on any RCU bug: it passed 60 x 3000
 * invocations with the mutant below. Nothing here spins (the writer lock is a
 * monitor, which Lincheck models), so the threshold is set far above every loop
 * bound. Besides the random scenarios, three custom scenarios run a rebuilding
 * store in parallel with walks through the leaf it replaces. In a rebuilding
 * store, new nodes are published and the old ones are retired through
 * call_rcu. These scenarios target the bug class this test exists for.
 *
 * <p>Shown to catch (run by hand, then reverted): MapleWriter.retire() freeing
 * replaced nodes at once ({@code alloc.free(n)} instead of
 * {@code tree.kernel.rcu().callRcu(() -> alloc.free(n))}). The test fails
 * within the default budget with "Invalid execution results: load(15):
 * ViolationError ... USE_AFTER_FREE ... read of freed maple node
 * (slab-use-after-free in mtree_range_walk)". With the scenario
 * [load(15), findFrom(44)] || [store(2), erase(50)] alone, it fails with a wrong
 * result instead (load(15): 8): the freed leaf was reallocated at once and the
 * reader read the new node's contents.
 *
 * <p>Budget: small by default: about 15-20 s on an idle 2-core machine,
 * mostly Lincheck start-up. {@code -Dvmalab.heavy=true} (or {@code -Pheavy})
 * explores many more random scenarios and interleavings (minutes).
 */
@Param(name = "key", gen = IntGen.class, conf = "0:120")
public class MapleTreeLincheckTest {
    private final Kernel kernel = Kernel.builder().gracePeriods(GracePeriods.STRICT).quarantine(0).build();
    private final MapleTree tree = new MapleTree(kernel, 1);
    private final Object writerLock = new Object();

    /** Entries k at [10k, 10k+4] for k = 0..9, null gaps between: a root over two leaves. */
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

    @Validate
    public void structureIsValid() {
        synchronized (writerLock) {
            tree.verify();
        }
    }

    private static Actor actor(String name, int key) throws NoSuchMethodException {
        return new Actor(MapleTreeLincheckTest.class.getMethod(name, int.class), List.of(key));
    }

    private static ExecutionScenario parallel(List<Actor> thread1, List<Actor> thread2) throws NoSuchMethodException {
        Actor validate = new Actor(MapleTreeLincheckTest.class.getMethod("structureIsValid"), List.of());
        return new ExecutionScenario(List.of(), List.of(thread1, thread2), List.of(), validate);
    }

    @Test
    void lookupsAreLinearizableAgainstStoresAndErases() throws Exception {
        boolean heavy = Boolean.getBoolean("vmalab.heavy");
        new ModelCheckingOptions()
                // store(2) replaces the left leaf (a new node, one pointer store in the root,
                // the old leaf retired) while load(15) walks through it.
                .addCustomScenario(parallel(List.of(actor("load", 15)), List.of(actor("store", 2))))
                // the same with a find, and an erase that rebuilds the right leaf.
                .addCustomScenario(parallel(
                        List.of(actor("load", 15), actor("findFrom", 44)),
                        List.of(actor("store", 2), actor("erase", 50))))
                // the right leaf: store(62) and store(104) each replace it.
                .addCustomScenario(parallel(
                        List.of(actor("findFrom", 45), actor("load", 70)),
                        List.of(actor("store", 62), actor("store", 104))))
                .iterations(heavy ? 20 : 1)
                .invocationsPerIteration(heavy ? 300 : 25)
                .threads(2)
                .actorsPerThread(2)
                .actorsBefore(heavy ? 5 : 2)
                .actorsAfter(heavy ? 3 : 1)
                .loopIterationsBeforeThreadSwitch(10_000)
                .check(MapleTreeLincheckTest.class);
    }
}
