package dev.vmalab.traces.cli;

import dev.vmalab.traces.format.TraceWriter;
import dev.vmalab.traces.generate.Generators;
import dev.vmalab.traces.generate.Param;
import dev.vmalab.traces.generate.Params;
import dev.vmalab.traces.generate.WorkloadGenerator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vmalab generate NAME -o OUT [--seed S] [key=value ...]}: a synthetic trace from a named generator. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic, seeded trace from a named generator. Parameters are key=value; "
                + "the generators and their parameters (with defaults) are listed below.")
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "generator: ${COMPLETION-CANDIDATES}",
            completionCandidates = GeneratorNames.class)
    String name;

    @Parameters(index = "1..*", paramLabel = "key=value", description = "generator parameters")
    List<String> params = List.of();

    @Option(names = {"-o", "--out", "--output"}, required = true, paramLabel = "OUT",
            description = "trace to write (.csv, .csv.gz, .csv.xz, .csv.zst)")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE}); "
            + "the same seed and parameters give the same trace")
    long seed;

    public GenerateCommand() {}

    /** The generator list for --help, built from the registry so it never goes stale. */
    static String generatorHelp() {
        StringBuilder b = new StringBuilder("%nGenerators:%n");
        for (WorkloadGenerator g : Generators.all()) {
            b.append("  ").append(g.name()).append(": ").append(g.description()).append("%n");
            for (Param p : g.params()) b.append("      ").append(p.usage()).append("%n");
        }
        return b.toString();
    }

    static final class GeneratorNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Generators.all().stream().map(WorkloadGenerator::name).iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        WorkloadGenerator generator;
        Params values;
        try {
            generator = Generators.byName(name);
            values = Params.of(generator.name(), generator.params(), parse(params));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        long[] count = {0};
        try (TraceWriter writer = TraceWriter.create(out)) {
            generator.generate(values, seed, e -> {
                writer.write(e);
                count[0]++;
            });
            writer.commit();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        spec.commandLine().getOut().printf("%s (seed %d, %s): %d events written to %s%n", generator.name(), seed,
                values, count[0], out);
        return 0;
    }

    private static Map<String, String> parse(List<String> args) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("parameter '" + a + "' must be key=value");
            map.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return map;
    }
}
