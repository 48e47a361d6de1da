package dev.vmalab.bench;

import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.perf.ImportOptions;
import dev.vmalab.traces.perf.PerfScriptReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Import throughput of {@code perf script} text, in lines per second on one
 * thread, decompression included: the importer's whole read side (decompress,
 * parse, pair syscalls, track mappings, infer) down to trace events.
 * <pre>java -jar benchmarks/target/benchmarks.jar PerfImportBenchmark -f 1 -wi 2 -i 3</pre>
 * The input is a synthetic recording in the default layout with the mix of a real
 * one (mostly faults, some mmap/munmap pairs, two threads): {@link #LINES} lines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class PerfImportBenchmark {
    static final int LINES = 200_000;

    @Param({"plain", "xz"})
    public String compression;

    private Path dir;
    private Path input;

    @Setup(Level.Trial)
    public void writeInput() throws IOException {
        dir = Files.createTempDirectory("vmalab-bench");
        input = dir.resolve("bench.perf" + (compression.equals("xz") ? ".xz" : ""));
        try (OutputStream file = Files.newOutputStream(input);
             OutputStream out = compression.equals("xz") ? new XZCompressorOutputStream(file, 6) : file;
             Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            writePerfScript(w);
        }
    }

    @TearDown(Level.Trial)
    public void deleteInput() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void importLines(Blackhole bh) throws IOException {
        PerfScriptReader reader = new PerfScriptReader(input, ImportOptions.STRICT);
        try (Stream<TraceEvent> events = reader.events()) {
            events.forEach(bh::consume);
        }
        if (reader.summary().lines() != LINES) throw new IllegalStateException("read " + reader.summary().lines());
    }

    /** Lines as perf 6.x prints them; 64 faults per mapping, spread over two threads. */
    private static void writePerfScript(Writer w) throws IOException {
        int n = 0;
        long us = 353_825_792L;
        n += line(w, us++, 4488, "PERF_RECORD_COMM exec: app:4488/4488");
        n += line(w, us++, 4488, "PERF_RECORD_MMAP2 4488/4488: [0x55e5b85f8000(0x13000) @ 0x4000 fe:00 260180 0]: "
                + "r-xp /usr/bin/app");
        n += line(w, us++, 4488, "PERF_RECORD_FORK(4488:4489):(4488:4488)");
        while (n < LINES) {
            long region = 0x7f2c_a000_0000L + (n % 97) * 0x100000L;
            if (LINES - n < 68) {
                n += line(w, us++, 4488, " exceptions:page_fault_user: address=0x55e5b85f8010 ip=0x55e5b85f8010 "
                        + "error_code=0x14");
                continue;
            }
            n += line(w, us++, 4488, "    syscalls:sys_enter_mmap: addr: 0x00000000, len: 0x00040000, prot: "
                    + "0x00000003, flags: 0x00000022, fd: 0xffffffff, off: 0x00000000");
            n += line(w, us++, 4488, "     syscalls:sys_exit_mmap: 0x" + Long.toHexString(region));
            for (int i = 0; i < 64; i++) {
                n += line(w, us++, 4488 + (i & 1), " exceptions:page_fault_user: address=0x"
                        + Long.toHexString(region + i * 4096L + 0x3a8) + " ip=0x7f2ca0b1a7ad error_code=0x6");
            }
            n += line(w, us++, 4488, "  syscalls:sys_enter_munmap: addr: 0x" + Long.toHexString(region)
                    + ", len: 0x00040000");
            n += line(w, us++, 4488, "   syscalls:sys_exit_munmap: 0x0");
        }
    }

    private static int line(Writer w, long us, int tid, String event) throws IOException {
        String micros = Long.toString(us % 1_000_000 + 1_000_000).substring(1);
        w.write("             app  " + tid + " [001]   " + us / 1_000_000 + "." + micros + ": " + event + "\n");
        return 1;
    }
}
