package dev.vmalab.bench;

import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.perf.ImportOptions;
import dev.vmalab.traces.perf.PerfScriptReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Import throughput on the committed sample {@code traces/samples/xz-t2.perf.xz}
 * (a real {@code perf script} recording, 22,839 lines), on one thread:
 * {@code xz} reads the committed file (decompression included), {@code plain}
 * a decompressed copy. The secondary result {@code lines} is lines per second.
 * {@link PerfImportBenchmark} does the same on a larger synthetic input.
 * <pre>java -jar benchmarks/target/benchmarks.jar SampleImportBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SampleImportBenchmark {
    @Param({"plain", "xz"})
    public String compression;

    private Path dir;
    private Path input;

    /** Lines imported, reported per second next to the imports per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Lines {
        public long lines;

        @Setup(Level.Iteration)
        public void clear() {
            lines = 0;
        }
    }

    @Setup(Level.Trial)
    public void copySample() throws IOException {
        dir = Files.createTempDirectory("vmalab-bench");
        Path xz = Samples.copy(Samples.PERF_XZ, dir);
        if (compression.equals("xz")) {
            input = xz;
        } else {
            input = dir.resolve("xz-t2.perf");
            try (InputStream in = new XZCompressorInputStream(Files.newInputStream(xz))) {
                Files.copy(in, input);
            }
        }
    }

    @TearDown(Level.Trial)
    public void deleteInput() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Benchmark
    public void importSample(Lines counter, Blackhole bh) throws IOException {
        PerfScriptReader reader = new PerfScriptReader(input, ImportOptions.STRICT);
        try (Stream<TraceEvent> events = reader.events()) {
            events.forEach(bh::consume);
        }
        counter.lines += reader.summary().lines();
    }
}
