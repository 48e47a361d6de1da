package dev.vmalab.traces.generate;

import java.util.List;
import java.util.stream.Collectors;

/** The registry of generators by name: the one place a new generator is listed. */
public final class Generators {
    private Generators() {}

    private static final List<WorkloadGenerator> ALL = List.of(
            new FaultStorm(),
            new VmaChurn(),
            new MapsReaders());

    public static List<WorkloadGenerator> all() {
        return ALL;
    }

    public static WorkloadGenerator byName(String name) {
        return ALL.stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no generator '" + name + "'; allowed: "
                        + ALL.stream().map(WorkloadGenerator::name).collect(Collectors.joining(", "))));
    }
}
