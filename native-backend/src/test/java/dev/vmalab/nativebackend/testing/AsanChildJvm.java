package dev.vmalab.nativebackend.testing;

import dev.vmalab.nativebackend.build.AsanEnvironment;
import dev.vmalab.nativebackend.build.Toolchain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a test class's {@code main} in a child JVM started with libasan preloaded and the
 * {@link AsanEnvironment} options (this JVM has no ASan runtime, and loading an ASan library
 * without it kills the process). Returns its merged output; asserts it exited 0.
 */
public final class AsanChildJvm {
    private AsanChildJvm() {}

    public static String run(Class<?> main, String... args) throws IOException, InterruptedException {
        AsanEnvironment asan = AsanEnvironment.of(Toolchain.detect());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.putAll(asan.variables(Map.copyOf(env)));
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("child JVM finished").isTrue();
        String out = new String(bytes, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("child JVM exit status; output:%n%s", out).isZero();
        return out;
    }
}
