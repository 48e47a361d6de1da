package dev.vmalab.bench;

import dev.vmalab.bench.AddressSpace.Range;
import dev.vmalab.model.Kernel;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.VmaFlags;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentSkipListMap;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The writer path: mapping syscalls per second on an mm of {@code vmas} VMAs
 * ({@link AddressSpace}), one thread, each on a random VMA. One invocation is
 * a pair that leaves the mm as it was, counted as two operations (syscalls).
 * <ul>
 * <li>{@code mmapMunmap}: mmap() one anonymous page in the gap after the VMA (one page
 * from it: no merge, a new VMA is inserted), then munmap() it.</li>
 * <li>{@code mprotectSplitMerge}: mprotect(PROT_READ) of the VMA's second page (split
 * in three: two new VMAs), then mprotect(PROT_READ|PROT_WRITE) back (merge: two VMAs
 * detached and freed).</li>
 * <li>{@code skipListPutRemove}: the JDK baseline: put() and remove() of one range in a
 * ConcurrentSkipListMap of the same ranges.</li>
 * </ul>
 * Each syscall takes mmap_write_lock, write-locks VMAs, replaces maple nodes (freed after a
 * grace period) and runs the node checks of its walks.
 * <pre>java -jar benchmarks/target/benchmarks.jar WriterBenchmark -p vmas=1000</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WriterBenchmark {
    private static final int PROT_READ = 1;
    private static final int PROT_RW = 3;
    private static final long PAGE = AddressSpace.PAGE;

    @Param({"100", "1000", "10000", "100000"})
    public int vmas;

    private AddressSpace space;
    private Mm mm;
    private ConcurrentSkipListMap<Long, Range> skipList;
    private final SplittableRandom rnd = new SplittableRandom(17);

    @Setup(Level.Trial)
    public void build() {
        space = AddressSpace.of(vmas);
        mm = space.mm(Kernel.builder().build());
        skipList = space.skipList();
    }

    /** Every pair left the mm as it was. */
    @TearDown(Level.Trial)
    public void check() {
        long[] count = {0};
        mm.tree().forEach((first, last, entry) -> count[0]++);
        if (count[0] != vmas || skipList.size() != vmas) {
            throw new IllegalStateException("mm has " + count[0] + " VMAs, map " + skipList.size() + ", expected " + vmas);
        }
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public long mmapMunmap() {
        Range r = space.range(rnd.nextInt(vmas));
        long addr = r.end() + PAGE;
        long got = MapOps.mmap(mm, addr, PAGE, VmaFlags.READ | VmaFlags.WRITE, 0, 0, false);
        if (got != addr) throw new IllegalStateException("mmap returned " + got);
        return MapOps.munmap(mm, addr, PAGE) + got;
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public long mprotectSplitMerge() {
        Range r = space.range(rnd.nextInt(vmas));
        long mid = r.start() + PAGE;
        long a = MapOps.mprotect(mm, mid, PAGE, PROT_READ);
        long b = MapOps.mprotect(mm, mid, PAGE, PROT_RW);
        if (a != 0 || b != 0) throw new IllegalStateException("mprotect failed: " + a + ", " + b);
        return a + b;
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public Range skipListPutRemove() {
        Range r = space.range(rnd.nextInt(vmas));
        long addr = r.end() + PAGE;
        skipList.put(addr, new Range(addr, addr + PAGE));
        return skipList.remove(addr);
    }
}
