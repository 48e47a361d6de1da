package dev.vmalab.replay.cli;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.strategy.StrategyRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./vmalab strategies}: the lookup strategies by name, one line each. */
@Command(name = "strategies", mixinStandardHelpOptions = true,
        description = "List the lookup strategies (built in, on the class path, and in --strategy-jar jars).")
public final class StrategiesCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--strategy-jar", paramLabel = "JAR", description = "A jar with more strategies; repeatable.")
    List<Path> jars = new ArrayList<>();

    @Option(names = "--matrix", description = "Print the retry matrix: every scripted retry scenario x every strategy "
            + "(outcome, nodes read, walks from the root, stale index/node, violation); the same table as matrix.csv.")
    boolean matrix;

    @Override
    public Integer call() {
        StrategyRegistry registry;
        try {
            registry = StrategyRegistry.withJars(jars);
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        var out = spec.commandLine().getOut();
        if (matrix) {
            MatrixTable.print(out, registry.all());
            return 0;
        }
        for (LookupStrategy s : registry.all()) {
            out.printf("%-18s %s%s%n", s.name(), s.description(), s.knownIncorrect() ? "  [known incorrect]" : "");
        }
        out.flush();
        return 0;
    }
}
