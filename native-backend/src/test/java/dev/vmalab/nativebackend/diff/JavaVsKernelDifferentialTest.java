package dev.vmalab.nativebackend.diff;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.nativebackend.NativeTestSupport;
import dev.vmalab.nativebackend.build.KernelVariant;
import dev.vmalab.nativebackend.tree.NativeBackends;
import dev.vmalab.nativebackend.tree.NativeTreeBackend;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.fail;

/**
 * Differential test of the Java model of the maple tree against the kernel's own code: seeded
 * random sequences of store/erase/load and walk/find/set/set_range/reset/pause on three cursors,
 * with grace periods between, run on both; after every step the same entry, index, last and
 * status (and after every write the same ranges and the same nodes: depth, type, data end and
 * range of each, since which stores happen in place depends on them). The native variant matches the model's walk
 * semantics: resume-active with RESUME_ACTIVE, as-shipped with ALWAYS_RESTART.
 *
 * <p>Budget: 50,000 ops per variant, 1,000,000 with {@code -Dvmalab.heavy=true}. On a mismatch
 * the sequence is shrunk (delta debugging) and the shortest failing one printed.
 * {@code -Dvmalab.diff.firstSeed=N} starts at seed N (the budget still counts from there).
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class JavaVsKernelDifferentialTest {
    private static final int SEQUENCE = 500;

    @ParameterizedTest
    @EnumSource(KernelVariant.class)
    void javaModelAndKernelCodeAgreeStepByStep(KernelVariant variant) {
        NativeTreeBackend backend = NativeTestSupport.backend(NativeBackends.NATIVE, variant, false);
        Kernel kernel = Kernel.builder().walkSemantics(backend.walkSemantics()).build();
        Vma[] pool = new Vma[OpGenerator.POOL];
        for (int i = 0; i < pool.length; i++) pool[i] = kernel.vmas().allocate(null);
        DifferentialRun run = new DifferentialRun(kernel, backend, pool, java.util.EnumSet.allOf(KnownDivergence.class));
        long budget = Boolean.getBoolean("vmalab.heavy") ? 1_000_000 : 50_000;
        long firstSeed = Long.getLong("vmalab.diff.firstSeed", 1); // to re-run a failing seed at once
        for (long seed = firstSeed; (seed - firstSeed + 1) * SEQUENCE <= budget; seed++) {
            List<Op> ops = OpGenerator.generate(seed * 1_000_003L + variant.ordinal(), SEQUENCE);
            DifferentialRun.Mismatch m = run.run(ops);
            if (m == null) continue;
            List<Op> shortest = Shrinker.shrink(ops.subList(0, m.step() + 1), candidate -> run.run(candidate) != null);
            System.err.println("accepted known divergences: " + run.accepted());
            fail("Java model and kernel code (%s) disagree, seed %d; shortest failing sequence (%d ops), step by step:%n%s%n=> %s",
                    variant.id(), seed, shortest.size(),
                    run.trace(shortest).stream().map(l -> "  " + l).collect(Collectors.joining("\n")), run.run(shortest));
        }
        System.err.println("differential " + variant.id() + ": " + budget + " ops agree; known divergences accepted " + run.accepted());
    }
}
