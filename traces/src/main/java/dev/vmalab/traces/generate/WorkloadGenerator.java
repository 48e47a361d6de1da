package dev.vmalab.traces.generate;

import dev.vmalab.traces.event.TraceEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * A named, parameterised, seeded synthetic workload. Contract: the same
 * parameters and seed give the same events; every fault lands in a mapping that
 * exists at that point of the trace (unless the generator says otherwise);
 * mappings are page aligned at realistic x86-64 user addresses; times increase.
 * To add one: a class implementing this plus one line in {@link Generators}.
 */
public interface WorkloadGenerator {
    /** The name used on the command line, e.g. {@code fault-storm}. */
    String name();

    /** One line for {@code vmalab generate --help}. */
    String description();

    List<Param> params();

    void generate(Params params, long seed, Consumer<TraceEvent> out);
}
