package dev.vmalab.bench;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.lookup.FaultPath;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.replay.config.Amplification;
import dev.vmalab.replay.config.Pacing;
import dev.vmalab.replay.engine.CellReplay;
import dev.vmalab.replay.measure.CellKey;
import dev.vmalab.replay.measure.CellResult;
import dev.vmalab.replay.measure.CountingSink;
import dev.vmalab.replay.plan.ReplayPlan;
import dev.vmalab.replay.trace.LoadedTrace;
import dev.vmalab.replay.trace.TraceCounts;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.InitialMapping;
import dev.vmalab.traces.event.TraceEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * What the replay loop adds to one fault lookup. The same {@value #FAULTS} read faults, at
 * random pages of a 64-VMA mm, each a {@code lock_vma_under_rcu()} success:
 * <ul>
 * <li>{@code bare}: {@link FaultPath#fault} in a loop on the benchmark thread;</li>
 * <li>{@code replay}: the same faults as a trace through {@link CellReplay#run} with one
 * worker (ordering edge, order gate, pacing check, nanoTime pair, histogram, retry count,
 * hot-spot note per event), including the cell's fixed cost (kernel, 64 mmaps, thread).</li>
 * </ul>
 * Time per lookup; replay - bare is the loop's overhead (replay/README.md).
 * <pre>java -jar benchmarks/target/benchmarks.jar ReplayOverhead -f 1 -wi 2 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReplayOverheadBenchmark {
    static final int FAULTS = 50_000;
    static final int VMAS = 64;
    static final long BASE = 0x7f00_0000_0000L;
    static final long VMA_BYTES = 16 * 4096;

    @Param({"mas-set"})
    public String strategy;

    private LookupStrategy lookup;
    private long[] addresses;
    private Kernel kernel;
    private Mm mm;
    private final VmaLockStats stats = new VmaLockStats();
    private LoadedTrace trace;
    private ReplayPlan plan;

    @Setup(Level.Trial)
    public void setUp() {
        lookup = StrategyRegistry.standard().get(strategy);
        SplittableRandom r = new SplittableRandom(1);
        addresses = new long[FAULTS];
        for (int i = 0; i < FAULTS; i++) addresses[i] = BASE + r.nextInt(VMAS) * VMA_BYTES + r.nextInt(16) * 4096L;

        kernel = Amplification.of(Amplification.Preset.NONE).kernel(new CountingSink(0, v -> {})).build();
        mm = new Mm(kernel);
        List<TraceEvent> events = new ArrayList<>();
        for (int v = 0; v < VMAS; v++) {
            long start = BASE + v * VMA_BYTES;
            // alternate protections so that neighbours never merge: 64 VMAs, as in the trace below
            int prot = v % 2 == 0 ? 3 : 1;
            MapOps.mmap(mm, start, VMA_BYTES, prot, 0, 0, true);
            events.add(new InitialMapping(v, 1, 1, start, start + VMA_BYTES, prot, 0x22, 0, "", false));
        }
        for (int i = 0; i < FAULTS; i++) {
            events.add(new FaultEvent(1_000 + i, 1, 1, addresses[i], 0, FaultEvent.Access.READ, 4));
        }
        trace = new LoadedTrace("overhead", Path.of("overhead.csv"), events, TraceCounts.of(events));
        plan = ReplayPlan.of(events, 1, 0.0);
    }

    @Benchmark
    @OperationsPerInvocation(FAULTS)
    public long bare() {
        long ok = 0;
        for (long a : addresses) {
            if (FaultPath.fault(lookup, mm, a, false, false, stats) != null) ok++;
        }
        return ok;
    }

    @Benchmark
    @OperationsPerInvocation(FAULTS)
    public long replay() {
        CellResult r = CellReplay.run(new CellReplay.Spec(trace, plan, lookup, new CellKey("overhead", strategy, 1, 1), 1L,
                Amplification.of(Amplification.Preset.NONE), false, Pacing.FAST, 1_000_000L, false, ""));
        return r.counters().success();
    }
}
