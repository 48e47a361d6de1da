package dev.vmalab.traces.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.InitialMapping;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.MapsRead;
import dev.vmalab.traces.event.ProtectEvent;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.event.UnmapEvent;
import dev.vmalab.traces.stats.TraceStats;
import dev.vmalab.traces.vma.AddressSpaces;
import dev.vmalab.traces.vma.Pages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GeneratorsTest {
    static List<String> names() {
        return Generators.all().stream().map(WorkloadGenerator::name).toList();
    }

    private static List<TraceEvent> generate(String name, long seed, Map<String, String> params) {
        WorkloadGenerator g = Generators.byName(name);
        List<TraceEvent> events = new ArrayList<>();
        g.generate(Params.of(name, g.params(), params), seed, events::add);
        return events;
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyFaultLandsInAMappingThatExistsAtThatPoint(String name) {
        AddressSpaces spaces = new AddressSpaces();
        long faults = 0;
        for (TraceEvent e : generate(name, 7, Map.of())) {
            if (e instanceof FaultEvent f) {
                assertThat(spaces.get(f.pid()).vmas().find(f.address())).as("%s", f).isNotNull();
                faults++;
            }
            spaces.apply(e);
        }
        assertThat(faults).isPositive();
    }

    @ParameterizedTest
    @MethodSource("names")
    void mappingsArePageAlignedAtUserAddressesAndTimeMovesForward(String name) {
        long last = Long.MIN_VALUE;
        for (TraceEvent e : generate(name, 3, Map.of())) {
            assertThat(e.timeNs()).isGreaterThanOrEqualTo(last);
            last = e.timeNs();
            long[] addresses = switch (e) {
                case MapEvent m -> new long[] {m.result(), m.length()};
                case UnmapEvent u -> new long[] {u.addr(), u.length()};
                case ProtectEvent p -> new long[] {p.addr(), p.length()};
                case InitialMapping m -> new long[] {m.start(), m.end()};
                case FaultEvent f -> new long[] {f.address()};
                default -> new long[0];
            };
            for (long a : addresses) assertThat(Pages.aligned(a)).as("%s", e).isTrue();
            if (addresses.length > 0) {
                assertThat(addresses[0]).isBetween(0x1000L, Pages.TASK_SIZE);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void sameSeedGivesTheSameTraceAndAnotherSeedAnotherOne(String name) {
        assertThat(generate(name, 42, Map.of())).isEqualTo(generate(name, 42, Map.of()));
        assertThat(generate(name, 42, Map.of())).isNotEqualTo(generate(name, 43, Map.of()));
    }

    @Test
    void faultStormUsesTheRequestedThreadsAndFaults() {
        List<TraceEvent> events = generate("fault-storm", 1, Map.of("threads", "3", "faults", "5000", "dist", "zipf"));
        assertThat(events).filteredOn(FaultEvent.class::isInstance).hasSize(5000)
                .extracting(TraceEvent::tid).containsOnly(1001, 1002, 1003);
    }

    @Test
    void zipfConcentratesFaultsOnFewVmasAndUniformDoesNot() {
        Map<String, String> zipf = Map.of("dist", "zipf", "zipf-exponent", "1.5", "faults", "20000");
        assertThat(hottestVmaShare(generate("fault-storm", 1, zipf))).isGreaterThan(0.3);
        assertThat(hottestVmaShare(generate("fault-storm", 1, Map.of("faults", "20000")))).isLessThan(0.05);
    }

    private static double hottestVmaShare(List<TraceEvent> events) {
        Map<Long, Long> byRegion = new java.util.HashMap<>();
        AddressSpaces spaces = new AddressSpaces();
        long faults = 0;
        for (TraceEvent e : events) {
            if (e instanceof FaultEvent f) {
                byRegion.merge(spaces.get(f.pid()).vmas().find(f.address()).start(), 1L, Long::sum);
                faults++;
            }
            spaces.apply(e);
        }
        return (double) byRegion.values().stream().mapToLong(Long::longValue).max().orElse(0) / faults;
    }

    @Test
    void vmaChurnExposesFaultsToConcurrentChangesOfTheirVma() {
        var report = TraceStats.of(generate("vma-churn", 1, Map.of()).stream(), new TraceStats.Options(1000, 100));
        assertThat(report.raceExposure()).isGreaterThan(0.2);
        assertThat(report.total().of("protect")).isPositive();
        assertThat(report.total().of("unmap")).isPositive();
    }

    @Test
    void mapsReadersReadAnotherProcessWhileItsMapChanges() {
        List<TraceEvent> events = generate("maps-readers", 1, Map.of("reads", "100"));
        assertThat(events).filteredOn(MapsRead.class::isInstance).hasSize(100)
                .allMatch(e -> ((MapsRead) e).targetPid() == MapsReaders.TARGET_PID && e.pid() != MapsReaders.TARGET_PID);
        assertThat(events).filteredOn(e -> e instanceof MapEvent || e instanceof UnmapEvent || e instanceof ProtectEvent)
                .hasSizeGreaterThan(100);
    }

    @Test
    void unknownParameterIsRejectedWithTheAllowedOnes() {
        assertThatThrownBy(() -> generate("fault-storm", 1, Map.of("thread", "2")))
                .hasMessageContaining("no parameter 'thread'").hasMessageContaining("allowed: threads");
        assertThatThrownBy(() -> generate("fault-storm", 1, Map.of("dist", "pareto")))
                .hasMessageContaining("must be one of uniform, zipf");
        assertThatThrownBy(() -> Generators.byName("nope")).hasMessageContaining("fault-storm, vma-churn, maps-readers");
    }
}
