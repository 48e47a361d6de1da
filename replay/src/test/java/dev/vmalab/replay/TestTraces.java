package dev.vmalab.replay;

import dev.vmalab.traces.format.TraceWriter;
import dev.vmalab.traces.generate.Generators;
import dev.vmalab.traces.generate.Params;
import dev.vmalab.traces.generate.WorkloadGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** Small generated traces (the recorded samples are not committed yet): the traces module's generators, seeded. */
public final class TestTraces {
    private TestTraces() {}

    /** vma-churn: faults on a VMA that a writer thread keeps splitting, merging and replacing. */
    public static Path churn(Path dir, int ops, long seed) {
        return generate(dir, "vma-churn", Map.of("threads", "3", "ops", Integer.toString(ops), "faults-per-op", "10"), seed);
    }

    public static Path generate(Path dir, String generator, Map<String, String> params, long seed) {
        WorkloadGenerator g = Generators.byName(generator);
        Path file = dir.resolve(generator + "-" + seed + ".csv");
        try (TraceWriter w = TraceWriter.create(file)) {
            g.generate(Params.of(g.name(), g.params(), params), seed, w::write);
            w.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
