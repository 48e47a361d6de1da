package dev.vmalab.bench;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.model.rcu.Rcu;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.model.tree.RangeTree;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the model's RCU and violation checks cost a lookup. Random addresses over
 * an mm of {@code vmas} VMAs, time per lookup; {@code checks} is
 * {@code Kernel.builder().checks(..)} (the KASAN-like node checks and the
 * fault path's WRONG_VMA check).
 * <ul>
 * <li>{@code lockVmaUnderRcu}: mas-set's lock_vma_under_rcu() + vma_end_read().</li>
 * <li>{@code walk}: {@code rcu_read_lock(); mm.tree().cursor(a, a).walk(); rcu_read_unlock()}.</li>
 * <li>{@code walkNoRcu}: the same walk on the same tree without an RCU section. The thread counts
 * itself as an mmap_lock holder ({@code Task.mmapLockAcquired()}, no lock taken) so that the checks,
 * when on, accept the reads (nobody writes here, so this is safe).</li>
 * </ul>
 * checks cost = on - off; RCU cost = walk - walkNoRcu. Two forks each: a single fork's
 * JIT and memory layout move these numbers by up to ~20%.
 * <pre>java -jar benchmarks/target/benchmarks.jar ChecksCostBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ChecksCostBenchmark {
    private static final int MASK = AddressSpace.ADDRESSES - 1;

    @Param({"true", "false"})
    public boolean checks;

    @Param({"1000", "10000"})
    public int vmas;

    private long[] addrs;
    private int pos;
    private Mm mm;
    private Rcu rcu;
    private Task task;
    private LookupStrategy masSet;
    private final VmaLockStats stats = new VmaLockStats();

    @Setup(Level.Trial)
    public void build() {
        AddressSpace space = AddressSpace.of(vmas);
        addrs = space.addresses("random", 23);
        mm = space.mm(Kernel.builder().checks(checks).build());
        rcu = mm.kernel().rcu();
        task = rcu.current();
        masSet = StrategyRegistry.standard().get("mas-set");
    }

    private int next() {
        int p = pos;
        pos = (p + AddressSpace.BATCH) & MASK;
        return p;
    }

    @Benchmark
    @OperationsPerInvocation(AddressSpace.BATCH)
    public long lockVmaUnderRcu() {
        long sum = 0;
        int p = next();
        for (int i = 0; i < AddressSpace.BATCH; i++) {
            long a = addrs[p + i];
            task.beginLookup("mas-set", a);
            stats.beginLookup();
            Vma vma = masSet.lockVmaUnderRcu(mm, a, stats);
            if (vma != null) {
                sum += vma.start();
                Mm.vmaEndRead(vma);
            }
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(AddressSpace.BATCH)
    public long walk() {
        long sum = 0;
        int p = next();
        RangeTree tree = mm.tree();
        for (int i = 0; i < AddressSpace.BATCH; i++) {
            long a = addrs[p + i];
            rcu.readLock(task);
            Vma vma = (Vma) tree.cursor(a, a).walk();
            rcu.readUnlock(task);
            if (vma != null) sum += vma.start();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(AddressSpace.BATCH)
    public long walkNoRcu() {
        long sum = 0;
        int p = next();
        RangeTree tree = mm.tree();
        task.mmapLockAcquired();
        for (int i = 0; i < AddressSpace.BATCH; i++) {
            long a = addrs[p + i];
            Vma vma = (Vma) tree.cursor(a, a).walk();
            if (vma != null) sum += vma.start();
        }
        task.mmapLockReleased();
        return sum;
    }
}
