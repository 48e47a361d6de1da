package dev.vmalab.traces.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.traces.Fixtures;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.KernelFaultOutcome;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.format.CsvTraceReader;
import dev.vmalab.traces.perf.ImportOptions;
import dev.vmalab.traces.perf.PerfScriptReader;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code trace stats}' kernel section: the recording kernel's own rates per thread. */
class KernelOutcomeStatsTest {
    private static StatsReport stats(Stream<TraceEvent> events) {
        return TraceStats.of(events, new TraceStats.Options(1000, 100));
    }

    @Test
    void perThreadRatesAddUpToTheImportSummaryOfTheAllocatorSample() throws IOException {
        PerfScriptReader reader = new PerfScriptReader(Fixtures.SAMPLES.resolve("malloc-stress4.perf.xz"),
                ImportOptions.STRICT);
        StatsReport r;
        try (Stream<TraceEvent> events = reader.events()) {
            r = stats(events);
        }
        KernelOutcomeStats k = r.kernel();
        for (KernelFaultOutcome o : List.of(KernelFaultOutcome.PER_VMA, KernelFaultOutcome.ANON_TRYLOCK_TAKEN,
                KernelFaultOutcome.ANON_RETRY, KernelFaultOutcome.LOCK_MM_FALLBACK)) {
            long byThreads = k.byThread().values().stream().mapToLong(c -> c.of(o)).sum();
            assertThat(byThreads).as(o.name()).isEqualTo(k.total().of(o))
                    .isEqualTo(reader.summary().kernelOutcomes().getOrDefault(o, 0L));
        }
        assertThat(k.total().known()).isEqualTo(r.faults());
        assertThat(k.total().of(KernelFaultOutcome.ANON_RETRY)).isPositive(); // the sample where the kernel retries
        assertThat(k.holdTotalNs()).isPositive();
        assertThat(r.format()).contains("kernel fault outcomes", "anon_rtry", "mmap_lock write holds");
        // the committed import of the same recording says the same
        try (Stream<TraceEvent> events = new CsvTraceReader(Fixtures.SAMPLES.resolve("malloc-stress4.csv.zst"))
                .events()) {
            assertThat(stats(events).kernel().total().of(KernelFaultOutcome.ANON_RETRY))
                    .isEqualTo(k.total().of(KernelFaultOutcome.ANON_RETRY));
        }
    }

    @Test
    void aTraceWithoutKernelOutcomesSaysSoInOneLine() {
        StatsReport r = stats(Stream.of(new MapEvent(1, 1, 1, 0, 0x1000, 3, 0x22, -1, 0, 0x10000),
                new FaultEvent(2, 1, 1, 0x10000, 0x400000, FaultEvent.Access.WRITE, 6)));
        assertThat(r.kernel().total().known()).isZero();
        assertThat(r.format()).contains("none: the trace was not recorded with the mmap_lock tracepoints");
    }
}
