package dev.vmalab.bench;

import dev.vmalab.bench.AddressSpace.Range;
import dev.vmalab.model.Kernel;
import dev.vmalab.model.maple.MapleState;
import dev.vmalab.model.maple.MapleTree;
import dev.vmalab.model.rcu.Rcu;
import dev.vmalab.model.rcu.Task;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
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

/**
 * One VMA lookup by address: the model's maple tree walk ({@code mas_walk()}
 * from the root, as {@code lock_vma_under_rcu()} does it) against the JDK's
 * ordered maps, on the same {@link AddressSpace} and the same precomputed
 * addresses. Time per lookup; each invocation does {@link AddressSpace#BATCH}
 * lookups and returns a checksum so that nothing is optimised away.
 *
 * <ul>
 * <li>{@code maple}: {@code rcu_read_lock(); new MapleState(tree, a, a).walk(); rcu_read_unlock()}
 * with the model's node checks on (the default kernel: what the lab runs).</li>
 * <li>{@code mapleBare}: the same walk on the same tree without an RCU section and with the checks
 * off ({@code kernel.setChecks(false)} in its fork): the tree walk alone (legal here: nobody writes).</li>
 * <li>{@code skipList}: {@code ConcurrentSkipListMap.floorEntry(a)} + range check.</li>
 * <li>{@code treeMapRwLock}: {@code TreeMap.floorEntry} under {@code ReentrantReadWriteLock.readLock()}.</li>
 * <li>{@code treeMapStamped}: {@code TreeMap.floorEntry} under a {@code StampedLock} optimistic read
 * (validated; a read lock on failure, which never happens here).</li>
 * </ul>
 * <pre>java -jar benchmarks/target/benchmarks.jar TreeLookupBenchmark -p vmas=1000,10000</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TreeLookupBenchmark {
    private static final int MASK = AddressSpace.ADDRESSES - 1;

    @Param({"100", "1000", "10000", "100000"})
    public int vmas;

    @Param({"random", "sequential"})
    public String order;

    private long[] addrs;
    private int pos;

    private Kernel kernel;
    private Rcu rcu;
    private Task task;
    private MapleTree maple;
    private ConcurrentSkipListMap<Long, Range> skipList;
    private TreeMap<Long, Range> treeMap;
    private final ReentrantReadWriteLock rwLock = new ReentrantReadWriteLock();
    private final StampedLock stamped = new StampedLock();

    @Setup(Level.Trial)
    public void build(BenchmarkParams params) {
        AddressSpace space = AddressSpace.of(vmas);
        addrs = space.addresses(order, 7);
        kernel = Kernel.builder().build();
        rcu = kernel.rcu();
        task = rcu.current();
        maple = space.mapleTree(kernel);
        skipList = space.skipList();
        treeMap = space.treeMap();
        check(space);
        if (params.getBenchmark().endsWith(".mapleBare")) kernel.setChecks(false);
    }

    /** Every structure finds the same range for every address. */
    private void check(AddressSpace space) {
        for (long a : addrs) {
            Object m = mapleLookup(a);
            Map.Entry<Long, Range> e = skipList.floorEntry(a);
            Range t = treeMap.floorEntry(a).getValue();
            if (m == null || m != e.getValue() || m != t || !((Range) m).contains(a)) {
                throw new IllegalStateException("lookups disagree at 0x" + Long.toHexString(a));
            }
        }
    }

    private Object mapleLookup(long a) {
        rcu.readLock(task);
        try {
            return new MapleState(maple, a, a).walk();
        } finally {
            rcu.readUnlock(task);
        }
    }

    private int next() {
        int p = pos;
        pos = (p + AddressSpace.BATCH) & MASK;
        return p;
    }

    @Benchmark
    @OperationsPerInvocation(AddressSpace.BATCH)
    public long maple() {
        long sum = 0;
        int p = next();
        for (int i = 0; i < AddressSpace.BATCH; i++) {
            long a = addrs[p + i];
            rcu.readLock(task);
            Range r = (Range) new MapleState(maple, a, a).walk();
            rcu.readUnlock(task);
            if (r != null && a < r.end()) sum += r.start();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(AddressSpace.BATCH)
    public long mapleBare() {
        long sum = 0;
        int p = next();
        for (int i = 0; i < AddressSpace.BATCH; i++) {
            long a = addrs[p + i];
            Range r = (Range) new MapleState(maple, a, a).walk();
            if (r != null && a < r.end()) sum += r.start();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(AddressSpace.BATCH)
    public long skipList() {
        long sum = 0;
        int p = next();
        for (int i = 0; i < AddressSpace.BATCH; i++) {
            long a = addrs[p + i];
            Map.Entry<Long, Range> e = skipList.floorEntry(a);
            if (e != null && a < e.getValue().end()) sum += e.getValue().start();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(AddressSpace.BATCH)
    public long treeMapRwLock() {
        long sum = 0;
        int p = next();
        ReentrantReadWriteLock.ReadLock lock = rwLock.readLock();
        for (int i = 0; i < AddressSpace.BATCH; i++) {
            long a = addrs[p + i];
            Range r;
            lock.lock();
            try {
                Map.Entry<Long, Range> e = treeMap.floorEntry(a);
                r = e == null ? null : e.getValue();
            } finally {
                lock.unlock();
            }
            if (r != null && a < r.end()) sum += r.start();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(AddressSpace.BATCH)
    public long treeMapStamped() {
        long sum = 0;
        int p = next();
        for (int i = 0; i < AddressSpace.BATCH; i++) {
            long a = addrs[p + i];
            long stamp = stamped.tryOptimisticRead();
            Map.Entry<Long, Range> e = treeMap.floorEntry(a);
            if (!stamped.validate(stamp)) {
                stamp = stamped.readLock();
                try {
                    e = treeMap.floorEntry(a);
                } finally {
                    stamped.unlockRead(stamp);
                }
            }
            Range r = e == null ? null : e.getValue();
            if (r != null && a < r.end()) sum += r.start();
        }
        return sum;
    }
}
