package dev.vmalab.bench;

import dev.vmalab.bench.AddressSpace.Range;
import dev.vmalab.model.Kernel;
import dev.vmalab.model.maple.MapleState;
import dev.vmalab.model.maple.MapleTree;
import dev.vmalab.model.rcu.Rcu;
import dev.vmalab.model.rcu.Task;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Where a maple lookup's time goes ({@link TreeLookupBenchmark#maple}), taken
 * apart with the model's public API, random addresses, time per lookup:
 * <ul>
 * <li>{@code full}: rcu_read_lock, new MapleState (incl. its {@code rcu().current()}), walk, rcu_read_unlock.</li>
 * <li>{@code reusedState}: the same with one MapleState per thread, {@code mas.set(a)} before each walk:
 * no allocation, no ThreadLocal.</li>
 * <li>{@code reusedStateNoChecks}: that with the checks off ({@code kernel.setChecks(false)} in its fork).</li>
 * <li>{@code reusedStateBare}: checks off and no RCU section: the walk alone.</li>
 * <li>{@code rcuSection}: rcu_read_lock + rcu_read_unlock only.</li>
 * <li>{@code newState}: {@code new MapleState(tree, a, a)} only (allocation + ThreadLocal lookup).</li>
 * <li>{@code currentTask}: {@code kernel.rcu().current()} only (the ThreadLocal).</li>
 * </ul>
 * Not part of the default full run (benchmarks/run.sh excludes it): a diagnosis.
 * <pre>java -jar benchmarks/target/benchmarks.jar MapleWalkCostBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MapleWalkCostBenchmark {
    private static final int MASK = AddressSpace.ADDRESSES - 1;

    @Param({"1000", "10000"})
    public int vmas;

    private long[] addrs;
    private int pos;
    private Kernel kernel;
    private Rcu rcu;
    private Task task;
    private MapleTree tree;
    private MapleState state;

    @Setup(Level.Trial)
    public void build(BenchmarkParams params) {
        AddressSpace space = AddressSpace.of(vmas);
        addrs = space.addresses("random", 7);
        kernel = Kernel.builder().build();
        rcu = kernel.rcu();
        task = rcu.current();
        tree = space.mapleTree(kernel);
        state = new MapleState(tree, 0, 0);
        String b = params.getBenchmark();
        if (b.endsWith(".reusedStateNoChecks") || b.endsWith(".reusedStateBare")) kernel.setChecks(false);
    }

    private int next() {
        int p = pos;
        pos = (p + AddressSpace.BATCH) & MASK;
        return p;
    }

    @Benchmark
    @OperationsPerInvocation(AddressSpace.BATCH)
    public long full() {
        long sum = 0;
        int p = next();
        for (int i = 0; i < AddressSpace.BATCH; i++) {
            long a = addrs[p + i];
            rcu.readLock(task);
            Range r = (Range) new MapleState(tree, a, a).walk();
            rcu.readUnlock(task);
            sum += r.start();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(AddressSpace.BATCH)
    public long reusedState() {
        long sum = 0;
        int p = next();
        for (int i = 0; i < AddressSpace.BATCH; i++) {
            long a = addrs[p + i];
            rcu.readLock(task);
            state.set(a);
            Range r = (Range) state.walk();
            rcu.readUnlock(task);
            sum += r.start();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(AddressSpace.BATCH)
    public long reusedStateNoChecks() {
        return reusedState();
    }

    @Benchmark
    @OperationsPerInvocation(AddressSpace.BATCH)
    public long reusedStateBare() {
        long sum = 0;
        int p = next();
        for (int i = 0; i < AddressSpace.BATCH; i++) {
            state.set(addrs[p + i]);
            Range r = (Range) state.walk();
            sum += r.start();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(AddressSpace.BATCH)
    public void rcuSection() {
        for (int i = 0; i < AddressSpace.BATCH; i++) {
            rcu.readLock(task);
            rcu.readUnlock(task);
        }
    }

    @Benchmark
    @OperationsPerInvocation(AddressSpace.BATCH)
    public void newState(Blackhole bh) {
        int p = next();
        for (int i = 0; i < AddressSpace.BATCH; i++) {
            long a = addrs[p + i];
            bh.consume(new MapleState(tree, a, a));
        }
    }

    @Benchmark
    @OperationsPerInvocation(AddressSpace.BATCH)
    public void currentTask(Blackhole bh) {
        for (int i = 0; i < AddressSpace.BATCH; i++) bh.consume(kernel.rcu().current());
    }
}
