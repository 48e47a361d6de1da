package dev.vmalab.replay.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.check.ViolationKind;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.nativebackend.build.AsanEnvironment;
import dev.vmalab.nativebackend.build.KernelSource;
import dev.vmalab.nativebackend.build.NativeBuildException;
import dev.vmalab.nativebackend.build.Toolchain;
import dev.vmalab.replay.config.BackendChoice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The hunt on the kernel's own code (issue 14, point 4): under the seeded scheduler the kernel
 * code's frees run at the model's grace periods (vmalab_maple.c's call_rcu queue), so a no-reset
 * retry that walks its freed leaf is ASan's heap-use-after-free on every seed, and mas-set is
 * clean. Runs in a child JVM with libasan preloaded. CI: 5 seeds to at most 300 writer
 * iterations (each is found within 41) and mas-set for 3,000 iterations on 2 seeds;
 * {@code -Dvmalab.heavy=true}: the 5 x 10 s and 60 s.
 */
class NativeAsanHuntTest {
    private static final boolean HEAVY = Boolean.getBoolean("vmalab.heavy");

    @Test
    void noResetIsAsanUseAfterFreeOnEverySeedAndMasSetIsClean() throws Exception {
        List<String> lines = child(HEAVY ? List.of("no-reset:1-5:10:0", "mas-set:1-1:60:0")
                : List.of("no-reset:1-5:60:300", "mas-set:1-2:60:3000"));
        lines.forEach(System.out::println);
        List<String> noReset = lines.stream().filter(l -> l.startsWith("RESULT no-reset ")).toList();
        assertThat(noReset).as("one result per seed: %s", lines).hasSize(5);
        assertThat(noReset).allSatisfy(l -> assertThat(l).contains(" found USE_AFTER_FREE ").contains("ASan heap-use-after-free"));
        List<String> masSet = lines.stream().filter(l -> l.startsWith("RESULT mas-set ")).toList();
        assertThat(masSet).as("results: %s", lines).hasSize(HEAVY ? 1 : 2);
        assertThat(masSet).allSatisfy(l -> assertThat(l).contains(" clean "));
    }

    /**
     * Child JVM: each argument {@code strategy:firstSeed-lastSeed:seconds:iterations} (0 = no
     * iteration bound) runs the hunt on native-asan and prints one RESULT line per seed.
     */
    public static void main(String[] args) {
        for (String arg : args) {
            String[] p = arg.split(":");
            String[] seeds = p[1].split("-");
            long iterations = Long.parseLong(p[3]) == 0 ? Long.MAX_VALUE : Long.parseLong(p[3]);
            for (long seed = Long.parseLong(seeds[0]); seed <= Long.parseLong(seeds[1]); seed++) {
                StressOptions o = new StressOptions(p[0], seed, 2, Double.parseDouble(p[2]), iterations,
                        BackendChoice.of("native-asan", null));
                StressResult r = StressRun.run(o, StrategyRegistry.standard().get(p[0]));
                String what = r.violation().map(v -> "found " + v.kind() + " " + (v.kind() == ViolationKind.USE_AFTER_FREE
                        ? v.detail().lines().findFirst().orElse("") : v.detail())).orElse("clean");
                System.out.println("RESULT " + p[0] + " seed " + seed + " " + what + " iterations " + r.iterations()
                        + " decisions " + r.decisions() + " wall_ms " + Math.round(r.wallMs()));
            }
        }
    }

    private static List<String> child(List<String> runs) throws Exception {
        Toolchain toolchain;
        try {
            toolchain = Toolchain.detect();
        } catch (NativeBuildException e) {
            Assumptions.abort("native backend prerequisites missing: " + e.getMessage());
            return List.of();
        }
        Assumptions.assumeTrue(Files.isRegularFile(KernelSource.DEBIAN_TARBALL),
                () -> KernelSource.DEBIAN_TARBALL + " missing: apt-get install linux-source-6.12");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), NativeAsanHuntTest.class.getName()));
        argv.addAll(runs);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.putAll(AsanEnvironment.of(toolchain).variables(Map.copyOf(env)));
        String cache = System.getenv("VMALAB_NATIVE_CACHE");
        if (cache == null || cache.isBlank()) env.put("VMALAB_NATIVE_CACHE", Path.of("target", "native-cache").toAbsolutePath().toString());
        Process proc = pb.start();
        proc.getOutputStream().close();
        byte[] bytes = proc.getInputStream().readAllBytes(); // ASan prints each report: read it all
        assertThat(proc.waitFor(5, TimeUnit.MINUTES)).as("child JVM finished").isTrue();
        String out = new String(bytes, StandardCharsets.UTF_8);
        assertThat(proc.exitValue()).as("child JVM exit status; output:%n%s", tail(out)).isZero();
        return out.lines().filter(l -> l.startsWith("RESULT ")).toList();
    }

    private static String tail(String out) {
        return out.length() <= 8000 ? out : out.substring(out.length() - 8000);
    }
}
