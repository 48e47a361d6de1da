package dev.vmalab.bench;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.replay.config.Amplification;
import dev.vmalab.replay.config.Pacing;
import dev.vmalab.replay.engine.CellReplay;
import dev.vmalab.replay.measure.CellKey;
import dev.vmalab.replay.measure.CellResult;
import dev.vmalab.replay.plan.ReplayPlan;
import dev.vmalab.replay.trace.LoadedTrace;
import dev.vmalab.replay.trace.TraceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replay throughput on the committed sample {@code traces/samples/xz-t2.csv.zst}
 * (22,708 faults plus the process's mapping syscalls), one worker, fastest
 * pacing, the default kernel (lazy grace periods, checks on, no amplification).
 * The secondary result {@code lookups} is lookups per second.
 * <ul>
 * <li>{@code engine}: the replay module's {@link CellReplay#run} (its kernel, worker thread, order
 * gate, pacer, per-lookup timing into an HdrHistogram, counters), as {@code ./vmalab replay
 * --in-process} runs one cell; the trace is loaded and planned once, outside the measurement.</li>
 * <li>{@code loop}: {@link SimpleTraceLoop}: the same events through FaultPath.fault and MapOps on
 * the benchmark thread, nothing else.</li>
 * </ul>
 * engine / loop time per lookup is what the replay machinery adds.
 * <pre>java -jar benchmarks/target/benchmarks.jar ReplayThroughputBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReplayThroughputBenchmark {
    @Param({"mas-set"})
    public String strategy;

    private Path dir;
    private LoadedTrace trace;
    private ReplayPlan plan;
    private LookupStrategy lookup;

    /** Lookups replayed, reported per second next to the replays per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Lookups {
        public long lookups;

        @Setup(Level.Iteration)
        public void clear() {
            lookups = 0;
        }
    }

    @Setup(Level.Trial)
    public void load() throws IOException {
        dir = Files.createTempDirectory("vmalab-bench");
        trace = TraceLoader.load(Samples.copy(Samples.TRACE, dir), 0);
        plan = ReplayPlan.of(trace.events(), 1, 0.0);
        lookup = StrategyRegistry.standard().get(strategy);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Benchmark
    public long engine(Lookups counter) {
        CellReplay.Spec spec = new CellReplay.Spec(trace, plan, lookup, new CellKey(trace.name(), strategy, 1, 1), 1L,
                Amplification.of(Amplification.Preset.NONE), false, Pacing.FAST, 1_000_000L, false, "");
        CellResult r = CellReplay.run(spec);
        if (r.violationTotal() != 0) throw new IllegalStateException("violations in replay: " + r.violationCounts());
        counter.lookups += r.counters().lookups();
        return r.counters().success();
    }

    @Benchmark
    public long loop(Lookups counter) {
        Kernel kernel = Amplification.of(Amplification.Preset.NONE).kernel(new ViolationCounter()).build();
        VmaLockStats stats = SimpleTraceLoop.run(trace.events(), lookup, kernel);
        counter.lookups += stats.lookups;
        return stats.success;
    }
}
