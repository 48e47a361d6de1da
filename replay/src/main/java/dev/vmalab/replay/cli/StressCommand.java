package dev.vmalab.replay.cli;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.nativebackend.build.NativeBuildException;
import dev.vmalab.replay.stress.StressFolder;
import dev.vmalab.replay.stress.StressOptions;
import dev.vmalab.replay.stress.StressResult;
import dev.vmalab.replay.stress.StressRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./vmalab stress --strategy NAME}: a deterministic hunt for violations; exit 1 when one is found. */
@Command(name = "stress", mixinStandardHelpOptions = true,
        description = {"Hunt for correctness violations of one strategy under a seeded one-at-a-time scheduler.",
                "Fault threads hammer a few VMAs while a writer munmaps/re-mmaps, MAP_FIXED-replaces and "
                        + "mprotect-splits/merges them, with strict grace periods (--lazy-gp: lazy ones). Exit "
                        + "status 1 and a repro command when a violation is found, 0 when clean.",
                "Writes a result folder (docs/result-format.md) either way."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:no violation within the budget", "1:a violation was found (printed with its repro command)",
                "2:bad options, or the native backend could not be built"})
public final class StressCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--strategy", required = true, paramLabel = "NAME", description = "The strategy to hunt in (the strategies command lists them).")
    String strategy;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10", description = "Wall-clock budget (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the interleaving and the workload (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2", description = "Fault threads; one writer thread more (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--iterations", paramLabel = "N", description = "Stop after N writer iterations (repro commands fix it).")
    Long iterations;

    @Option(names = "--strategy-jar", paramLabel = "JAR", description = "A jar with more strategies; repeatable.")
    List<Path> jars = new ArrayList<>();

    @Option(names = "--lazy-gp", description = "End grace periods lazily (in batches, and at mmap_write_unlock), as the kernel"
            + " does, instead of at the first legal moment; the RCU-section oracle still flags a state reused across sections.")
    boolean lazyGp;

    @Mixin
    BackendOptions backend = new BackendOptions();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports/out/stress",
            description = "Result folder, in replay's format (default: ${DEFAULT-VALUE}).")
    Path resultDir;

    @Override
    public Integer call() throws IOException {
        LookupStrategy s;
        StressOptions o;
        try {
            s = StrategyRegistry.withJars(jars).get(strategy);
            o = new StressOptions(strategy, seed, threads, seconds, iterations == null ? Long.MAX_VALUE : iterations,
                    backend.choice(), lazyGp ? GracePeriods.LAZY : GracePeriods.STRICT, jars);
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        StressResult r;
        try {
            r = StressRun.run(o, s);
        } catch (NativeBuildException e) { // the kernel's code could not be built: not a violation (exit 1)
            spec.commandLine().getErr().println("vmalab stress: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        }
        StressFolder.write(resultDir, o, r, CommandLines.of(spec));
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + resultDir);
        if (r.found()) {
            out.println("VIOLATION " + r.violation().get());
            out.printf("  strategy %s, seed %d, writer iteration %d, model step %d, %d scheduling decisions, %.0f ms%n",
                    strategy, seed, r.iterations(), r.violation().get().step(), r.decisions(), r.wallMs());
            out.println("  reproduce: " + r.repro());
            out.flush();
            return 1;
        }
        var c = r.counters();
        out.printf("clean: %s survived %d writer iterations in %.1f s%n", strategy, r.iterations(), r.wallMs() / 1000);
        out.printf("  lookups %d: success %d, abort %d, miss %d, fallback %d; at most %d retries in one lookup%n",
                c.lookups(), c.success(), c.abort(), c.miss(), c.fallback(), c.retryMax());
        out.printf("  %d scheduling decisions, %d switches%n", r.decisions(), r.switches());
        out.flush();
        return 0;
    }
}
