package dev.vmalab.bench;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.replay.config.Amplification;
import dev.vmalab.replay.config.Pacing;
import dev.vmalab.replay.engine.CellReplay;
import dev.vmalab.replay.measure.CellKey;
import dev.vmalab.replay.measure.CellResult;
import dev.vmalab.replay.paired.PairedCapture;
import dev.vmalab.replay.paired.PairedTables;
import dev.vmalab.replay.plan.ReplayPlan;
import dev.vmalab.replay.trace.LoadedTrace;
import dev.vmalab.replay.trace.TraceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * What paired retry accounting adds to a replay: one cell of the xz-t2 sample, unamplified,
 * one worker, replayed without it ({@code plain}: no observer) and with it ({@code paired}:
 * the observer installed, every measured -EAGAIN captured, then evaluated for every built-in
 * strategy after the cell, as replay does). paired / plain is the overhead (BENCHMARKS.md).
 * <pre>java -jar benchmarks/target/benchmarks.jar PairedAccounting -f 1 -wi 2 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PairedAccountingBenchmark {
    @Param({"mas-set"})
    public String strategy;

    private Path dir;
    private LoadedTrace trace;
    private ReplayPlan plan;
    private LookupStrategy lookup;
    private List<LookupStrategy> compared;
    private Amplification none;

    @Setup(Level.Trial)
    public void load() throws IOException {
        dir = Files.createTempDirectory("vmalab-bench");
        trace = TraceLoader.load(Samples.copy(Samples.TRACE, dir), 0);
        plan = ReplayPlan.of(trace.events(), 1, 0.0);
        lookup = StrategyRegistry.standard().get(strategy);
        compared = StrategyRegistry.builtIn();
        none = Amplification.of(Amplification.Preset.NONE);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private CellReplay.Spec spec() {
        return new CellReplay.Spec(trace, plan, lookup, new CellKey(trace.name(), strategy, 1, 1), 1L, none, false,
                Pacing.FAST, 1_000_000L, false, "");
    }

    @Benchmark
    public long plain() {
        CellResult r = CellReplay.run(spec(), null, 0);
        return r.counters().success();
    }

    @Benchmark
    public long paired() {
        PairedCapture capture = new PairedCapture();
        CellResult r = CellReplay.run(spec(), capture, 0);
        PairedTables t = new PairedTables();
        t.add(r.key(), 0, capture, compared, none.gracePeriods(), none.walkSemantics());
        return r.counters().success() + t.rows().size();
    }
}
