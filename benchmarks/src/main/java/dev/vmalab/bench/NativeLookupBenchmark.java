package dev.vmalab.bench;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.lookup.FaultPath;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.rcu.Rcu;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.model.tree.TreeBackend;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaFlags;
import dev.vmalab.nativebackend.tree.NativeBackends;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One VMA lookup by address, single thread, {@link #VMAS} VMAs, addresses drawn from a fixed
 * seeded table: the kernel's maple tree through FFM (o2 library, resume-active) vs the Java model
 * vs {@link ConcurrentSkipListMap#floorEntry}.
 * <ul>
 *   <li>{@code walk}: {@code rcu_read_lock(); MA_STATE(); mas_walk(); rcu_read_unlock()} through
 *       the model's {@code RangeTree} ({@code skiplist}: floorEntry + range check). For
 *       {@code native} the RCU calls also enter liburcu's read side, as in the lab.
 *   <li>{@code fault}: {@code FaultPath.fault} with the mas-set strategy (walk, vma_start_read,
 *       range check, vma_end_read): what replay runs per fault event.
 * </ul>
 * <pre>VMALAB_NATIVE_CACHE=native-backend/target/native-cache java --enable-native-access=ALL-UNNAMED \
 *   -jar benchmarks/target/benchmarks.jar NativeLookupBenchmark -f 1 -wi 3 -i 5 -w 1 -r 2</pre>
 * (The native library is built into the cache on first use if it is not there.)
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class NativeLookupBenchmark {
    static final int VMAS = 1000;
    static final long BASE = 0x7f00_0000_0000L;
    static final long PAGE = 4096;
    static final int ADDRESSES = 4096;

    /** An mm of {@link #VMAS} two-page VMAs with one-page gaps, on one tree backend. */
    @State(Scope.Thread)
    public static class Tree {
        @Param({"java", "native", "skiplist"})
        public String backend;

        Kernel kernel;
        Mm mm;
        Rcu rcu;
        Task task;
        final ConcurrentSkipListMap<Long, Vma> skiplist = new ConcurrentSkipListMap<>();
        final long[] addresses = new long[ADDRESSES];
        int next;

        @Setup
        public void build() {
            TreeBackend tb = NativeBackends.create(backend.equals("skiplist") ? "java" : backend, "resume-active");
            kernel = Kernel.builder().treeBackend(tb).build();
            mm = new Mm(kernel);
            for (int i = 0; i < VMAS; i++) {
                // alternate protections so neighbours do not merge
                int prot = VmaFlags.READ | (i % 2 == 0 ? VmaFlags.WRITE : 0);
                MapOps.mmap(mm, BASE + i * 3 * PAGE, 2 * PAGE, prot, 0, 0, true);
            }
            mm.tree().forEach((first, last, e) -> skiplist.put(first, (Vma) e));
            SplittableRandom rnd = new SplittableRandom(42);
            for (int i = 0; i < ADDRESSES; i++) addresses[i] = BASE + rnd.nextInt(VMAS) * 3 * PAGE + rnd.nextLong(2 * PAGE);
            rcu = kernel.rcu();
            task = rcu.current();
        }

        long nextAddress() {
            return addresses[next++ & (ADDRESSES - 1)];
        }
    }

    /** The fault path, on the Java model or the kernel's code. */
    @State(Scope.Thread)
    public static class Faults {
        @Param({"java", "native"})
        public String backend;

        final LookupStrategy strategy = StrategyRegistry.standard().get("mas-set");
        final VmaLockStats stats = new VmaLockStats();
        final Tree tree = new Tree();

        @Setup
        public void build() {
            tree.backend = backend;
            tree.build();
        }
    }

    @Benchmark
    public Object walk(Tree t) {
        long addr = t.nextAddress();
        if (t.backend.equals("skiplist")) {
            Map.Entry<Long, Vma> e = t.skiplist.floorEntry(addr);
            return e != null && e.getValue().contains(addr) ? e.getValue() : null;
        }
        t.rcu.readLock(t.task);
        try {
            return t.mm.tree().cursor(addr, addr).walk();
        } finally {
            t.rcu.readUnlock(t.task);
        }
    }

    @Benchmark
    public Object fault(Faults f) {
        return FaultPath.fault(f.strategy, f.tree.mm, f.tree.nextAddress(), false, false, f.stats);
    }
}
