package dev.vmalab.bench;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * The whole per-VMA lookup of a fault, per strategy: {@code
 * strategy.lockVmaUnderRcu(mm, addr, stats)} then {@code Mm.vmaEndRead(vma)};
 * when it returns null (abort) the fault handler's fallback, {@code
 * mmap_read_lock(); find_vma(); mmap_read_unlock()}, as do_user_addr_fault()
 * does: so {@code mmap-lock-only} (no per-VMA locks) shows the pre-6.4 cost.
 * Random addresses over an mm of {@code vmas} VMAs ({@link AddressSpace}).
 * Time per lookup; secondary results {@code lookups}, {@code misses} and {@code aborts}
 * count lookups, VMA_LOCK_MISS (retries) and VMA_LOCK_ABORT (fallbacks) per iteration.
 *
 * <ul>
 * <li>{@code uncontended}: one thread, nothing changes the mm.</li>
 * <li>{@code eagainOnce}: every lookup's first vma_start_read() fails with -EAGAIN
 * ({@link InjectedEagain}), so each lookup pays one retry with its strategy's reset
 * ({@code mmap-lock-only} has no vma_start_read(): same as uncontended).</li>
 * <li>{@code contended} (a JMH group): one reader thread doing these lookups and one writer thread
 * doing mprotect() of the second page of a random VMA and back, then pausing {@value #WRITER_PAUSE_NS}
 * ns: each pair splits a VMA in three and merges it back (write-locking it, detaching two VMAs,
 * replacing tree nodes, holding mmap_lock). {@code contended:reader} is the lookup time under that
 * writer; {@code contended:writer} the time per pair, pause included. Violations (no-reset) are counted, not thrown, and printed at the end.</li>
 * </ul>
 * Two forks each: a single fork's JIT decisions move these numbers by up to ~30%.
 * <pre>java -jar benchmarks/target/benchmarks.jar LockVmaBenchmark -p strategy=mas-set,no-reset</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LockVmaBenchmark {
    private static final int MASK = AddressSpace.ADDRESSES - 1;
    private static final int PROT_READ = 1;
    private static final int PROT_RW = 3;
    /** The writer's pause after each mprotect() pair (Linux rounds parks up to its 50 us timer slack). */
    static final long WRITER_PAUSE_NS = 50_000;

    @Param({"no-reset", "mas-set", "mas-reset", "full-reinit", "iter-passed-down", "mmap-lock-only"})
    public String strategy;

    @Param({"1000"})
    public int vmas;

    private AddressSpace space;
    private ViolationCounter sink;
    private Mm mm;
    private long[] addrs;
    private LookupStrategy lookup;

    @Setup(Level.Trial)
    public void build() {
        sink = new ViolationCounter();
        Kernel kernel = Kernel.builder().violations(sink).build();
        space = AddressSpace.of(vmas);
        mm = space.mm(kernel);
        addrs = space.addresses("random", 11);
        lookup = StrategyRegistry.standard().get(strategy);
    }

    @TearDown(Level.Trial)
    public void report() {
        if (sink.count() > 0) System.out.println("\n[" + strategy + "] violations reported: " + sink.describe());
    }

    /** One reader thread's lookup state; its public fields are the secondary results. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Reader {
        public long lookups;
        public long misses;
        public long aborts;
        private final VmaLockStats stats = new VmaLockStats();
        private Task task;
        private InjectedEagain injected;
        private int pos;

        @Setup(Level.Trial)
        public void init(LockVmaBenchmark b) {
            task = b.mm.kernel().rcu().current();
            injected = InjectedEagain.covers(b.lookup) ? new InjectedEagain(b.lookup) : null;
        }

        @Setup(Level.Iteration)
        public void clear() {
            stats.lookups = 0;
            stats.miss = 0;
            stats.abort = 0;
            lookups = 0;
            misses = 0;
            aborts = 0;
        }

        int next() {
            int p = pos;
            pos = (p + AddressSpace.BATCH) & MASK;
            return p;
        }

        void count() {
            lookups = stats.lookups;
            misses = stats.miss;
            aborts = stats.abort;
        }
    }

    /** The lookup of one fault: per-VMA lock, else the mmap_lock fallback. Returns the VMA's start. */
    private long fault(LookupStrategy s, long a, Reader r) {
        r.task.beginLookup(s.name(), a);
        r.stats.beginLookup();
        Vma vma = s.lockVmaUnderRcu(mm, a, r.stats);
        if (vma != null) {
            long start = vma.start();
            Mm.vmaEndRead(vma);
            return start;
        }
        mm.mmapReadLock(r.task); // lock_mm_and_find_vma()
        try {
            Vma v = mm.findVma(a);
            return v == null ? 0 : v.start();
        } finally {
            mm.mmapReadUnlock(r.task);
        }
    }

    private long lookups(Reader r) {
        long sum = 0;
        int p = r.next();
        for (int i = 0; i < AddressSpace.BATCH; i++) sum += fault(lookup, addrs[p + i], r);
        r.count();
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(AddressSpace.BATCH)
    public long uncontended(Reader r) {
        return lookups(r);
    }

    @Benchmark
    @OperationsPerInvocation(AddressSpace.BATCH)
    public long eagainOnce(Reader r) {
        if (r.injected == null) return lookups(r);
        long sum = 0;
        int p = r.next();
        for (int i = 0; i < AddressSpace.BATCH; i++) {
            r.injected.arm();
            sum += fault(r.injected, addrs[p + i], r);
        }
        r.count();
        return sum;
    }

    /** One lookup per invocation: JMH applies no @OperationsPerInvocation to group methods. */
    @Benchmark
    @Group("contended")
    @GroupThreads(1)
    public long reader(Reader r) {
        long start = fault(lookup, addrs[r.pos], r);
        r.pos = (r.pos + 1) & MASK;
        r.count();
        return start;
    }

    /** The writer thread's random choice of VMA. */
    @State(Scope.Thread)
    public static class Writer {
        private final SplittableRandom rnd = new SplittableRandom(13);
    }

    @Benchmark
    @Group("contended")
    @GroupThreads(1)
    public long writer(Writer w) {
        AddressSpace.Range g = space.range(w.rnd.nextInt(space.size()));
        long mid = g.start() + AddressSpace.PAGE;
        long a = MapOps.mprotect(mm, mid, AddressSpace.PAGE, PROT_READ); // split in three
        long b = MapOps.mprotect(mm, mid, AddressSpace.PAGE, PROT_RW); // merge back
        if (a != 0 || b != 0) throw new IllegalStateException("mprotect failed: " + a + ", " + b);
        // The model's mmap_lock lets a writer that re-takes it at once starve readers for good
        // (no rwsem handoff): leave it free between pairs, as a real program's writers do.
        LockSupport.parkNanos(WRITER_PAUSE_NS);
        return a + b;
    }
}
