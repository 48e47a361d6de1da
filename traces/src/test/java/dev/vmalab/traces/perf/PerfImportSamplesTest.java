package dev.vmalab.traces.perf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.traces.Fixtures;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.InitialMapping;
import dev.vmalab.traces.event.ProcessStart;
import dev.vmalab.traces.event.ProtectEvent;
import dev.vmalab.traces.event.ThreadStart;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.event.UnmapEvent;
import dev.vmalab.traces.vma.AddressSpaces;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Imports real perf script output: the committed samples and mmtest.c (every syscall, failures, a thread, fork, exec). */
class PerfImportSamplesTest {
    private static List<TraceEvent> importAll(Path file, PerfScriptReader[] reader) {
        reader[0] = new PerfScriptReader(file, ImportOptions.STRICT);
        return Fixtures.readAll(reader[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcc-hello", "jvm-workers", "sort-parallel2", "xz-t2"})
    void samplesImportStrictlyWithProcessesThreadsAndFaults(String sample) {
        PerfScriptReader[] r = new PerfScriptReader[1];
        List<TraceEvent> events = importAll(Fixtures.SAMPLES.resolve(sample + ".perf.xz"), r);
        ImportSummary s = r[0].summary();
        assertThat(s.events()).isEqualTo(events.size());
        assertThat(s.processes()).isPositive();
        assertThat(s.threads()).isGreaterThanOrEqualTo(s.processes());
        assertThat(s.events("fault")).isPositive();
        assertThat(s.events("map")).isPositive();
        assertThat(s.inferredMappings()).isPositive();
        assertThat(s.skippedLines()).isZero();
        assertThat(s.format()).contains("processes", "threads", "inferred mappings", "faults hitting nothing",
                "skipped lines");
    }

    @Test
    void multithreadedSamplesHaveThreadStarts() {
        for (String sample : List.of("jvm-workers", "xz-t2", "sort-parallel2")) {
            PerfScriptReader[] r = new PerfScriptReader[1];
            importAll(Fixtures.SAMPLES.resolve(sample + ".perf.xz"), r);
            assertThat(r[0].summary().events("thread_start")).as(sample).isPositive();
        }
    }

    @Test
    void bothPerfScriptLayoutsGiveTheSameTrace() {
        PerfScriptReader[] a = new PerfScriptReader[1];
        PerfScriptReader[] b = new PerfScriptReader[1];
        List<TraceEvent> byDefault = importAll(Fixtures.SAMPLES.resolve("xz-t2.perf.xz"), a);
        List<TraceEvent> byFields = importAll(Fixtures.SAMPLES.resolve("xz-t2.perf-ns.xz"), b);
        assertThat(b[0].summary().eventsByType()).isEqualTo(a[0].summary().eventsByType());
        assertThat(byFields).hasSameSizeAs(byDefault);
        for (int i = 0; i < byDefault.size(); i++) {
            // The default layout has microseconds; --ns has the nanoseconds below them.
            assertThat(byFields.get(i).timeNs() / 1000).isEqualTo(byDefault.get(i).timeNs() / 1000);
            assertThat(byFields.get(i).getClass()).isEqualTo(byDefault.get(i).getClass());
            assertThat(byFields.get(i).tid()).isEqualTo(byDefault.get(i).tid());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mmtest.perf.xz", "mmtest.perf-ns.xz", "mmtest.perf.gz"})
    void failedCallsAreKeptWithTheirErrno(String fixture) {
        List<TraceEvent> events = Fixtures.readAll(new PerfScriptReader(Fixtures.perfFixture(fixture),
                ImportOptions.STRICT));
        assertThat(events).filteredOn(e -> e instanceof UnmapEvent u && u.addr() == 0x1001)
                .singleElement().satisfies(e -> {
                    assertThat(((UnmapEvent) e).result()).isEqualTo(-22);
                    assertThat(e.succeeded()).isFalse();
                });
        assertThat(events).filteredOn(e -> e instanceof ProtectEvent p && p.addr() == 0x1000)
                .singleElement().extracting(e -> ((ProtectEvent) e).result()).isEqualTo(-12L);
    }

    @Test
    void threadsAreMappedToTheirProcessAndForkAndExecAreSeen() {
        List<TraceEvent> events = Fixtures.readAll(new PerfScriptReader(Fixtures.perfFixture("mmtest.perf.xz"),
                ImportOptions.STRICT));
        ThreadStart worker = events.stream().filter(ThreadStart.class::isInstance).map(ThreadStart.class::cast)
                .findFirst().orElseThrow();
        // The worker's faults carry the process id though the default layout prints only the tid.
        assertThat(events).filteredOn(e -> e instanceof FaultEvent && e.tid() == worker.tid())
                .isNotEmpty().allMatch(e -> e.pid() == worker.pid());
        List<ProcessStart> starts = events.stream().filter(ProcessStart.class::isInstance)
                .map(ProcessStart.class::cast).toList();
        assertThat(starts).extracting(ProcessStart::how)
                .containsExactly(ProcessStart.How.EXEC, ProcessStart.How.FORK, ProcessStart.How.EXEC);
        assertThat(starts.get(1).parentPid()).isEqualTo(starts.get(0).pid());
        assertThat(starts.get(2).comm()).isEqualTo("true");
    }

    @Test
    void everyFaultHitsAMappingOnceInferredMappingsAreApplied() {
        List<TraceEvent> events = Fixtures.readAll(new PerfScriptReader(Fixtures.perfFixture("mmtest.perf.xz"),
                ImportOptions.STRICT));
        AddressSpaces spaces = new AddressSpaces();
        int inferred = 0;
        for (TraceEvent e : events) {
            if (e instanceof InitialMapping m && m.inferred()) inferred++;
            if (e instanceof FaultEvent f) {
                // Inferred mappings come before their fault, so replay finds a VMA for every one.
                assertThat(spaces.get(f.pid()).vmas().find(f.address())).as("fault %s", f).isNotNull();
            }
            spaces.apply(e);
        }
        assertThat(inferred).isPositive();
    }

    @Test
    void forkedChildStartsWithACopyOfItsParentsMappings() {
        List<TraceEvent> events = Fixtures.readAll(new PerfScriptReader(Fixtures.perfFixture("mmtest.perf.xz"),
                ImportOptions.STRICT));
        AddressSpaces spaces = new AddressSpaces();
        for (TraceEvent e : events) {
            spaces.apply(e);
            if (e instanceof ProcessStart p && p.how() == ProcessStart.How.FORK) {
                assertThat(spaces.get(p.pid()).vmas().all()).isEqualTo(spaces.get(p.parentPid()).vmas().all());
            }
            if (e instanceof ProcessStart p && p.how() == ProcessStart.How.EXEC) {
                assertThat(spaces.get(p.pid()).vmas().isEmpty()).isTrue();
            }
        }
    }
}
