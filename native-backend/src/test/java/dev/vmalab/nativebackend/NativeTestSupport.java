package dev.vmalab.nativebackend;

import dev.vmalab.nativebackend.build.BuildFlavour;
import dev.vmalab.nativebackend.build.KernelSource;
import dev.vmalab.nativebackend.build.KernelVariant;
import dev.vmalab.nativebackend.build.NativeBuild;
import dev.vmalab.nativebackend.build.NativeBuildException;
import dev.vmalab.nativebackend.build.NativeLibraryFile;
import dev.vmalab.nativebackend.build.Toolchain;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Builds the native libraries once per test JVM into {@code target/native-cache} (or
 * {@code $VMALAB_NATIVE_CACHE}), and skips the calling test, with the reason, only when a
 * prerequisite is not installed: gcc, liburcu-dev, or the linux-source-6.12 tarball.
 * {@code -Dvmalab.kernelSrc=DIR|TARBALL} builds from that kernel source instead, so the
 * differential test checks the model against your own tree.
 */
public final class NativeTestSupport {
    private NativeTestSupport() {}

    /** -Dvmalab.kernelSrc: the kernel source the tests build from, or null for Debian's. */
    private static final Path KERNEL_SRC = System.getProperty("vmalab.kernelSrc", "").isBlank()
            ? null : Path.of(System.getProperty("vmalab.kernelSrc")).toAbsolutePath();

    private static NativeBuild build;
    private static String missing;
    private static final Map<KernelVariant, Map<BuildFlavour, NativeLibraryFile>> BUILT = new EnumMap<>(KernelVariant.class);

    /** The build, or the test is skipped when gcc, liburcu-dev or the kernel source is missing. */
    public static synchronized NativeBuild build() {
        if (build == null && missing == null) {
            try {
                Toolchain.detect();
                String env = System.getenv("VMALAB_NATIVE_CACHE");
                Path cache = env != null && !env.isBlank() ? Path.of(env) : Path.of("target", "native-cache").toAbsolutePath();
                if (KERNEL_SRC != null) {
                    KernelSource own = KernelSource.of(KERNEL_SRC);
                    own.check(); // a wrong path fails the tests rather than skipping them
                    build = new NativeBuild(cache, own, System.err::println);
                } else if (!Files.isRegularFile(KernelSource.DEBIAN_TARBALL)) {
                    missing = KernelSource.DEBIAN_TARBALL + " missing: apt-get install linux-source-6.12";
                } else {
                    build = new NativeBuild(cache, KernelSource.debian(), System.err::println);
                }
            } catch (NativeBuildException e) {
                if (KERNEL_SRC != null) throw e;
                missing = e.getMessage();
            }
        }
        Assumptions.assumeTrue(missing == null, () -> "native backend prerequisites missing: " + missing);
        return build;
    }

    /** One library, built on first use. */
    public static synchronized NativeLibraryFile library(KernelVariant variant, BuildFlavour flavour) {
        NativeBuild b = build();
        return BUILT.computeIfAbsent(variant, v -> new EnumMap<>(BuildFlavour.class))
                .computeIfAbsent(flavour, f -> b.build(variant, f, false));
    }

    /**
     * {@link dev.vmalab.nativebackend.tree.NativeBackends#create} with the tests' cache: {@code native}
     * or {@code native-asan} (the latter only in a JVM with libasan preloaded).
     */
    public static dev.vmalab.nativebackend.tree.NativeTreeBackend backend(String name, KernelVariant variant, boolean strict) {
        NativeBuild b = build();
        return (dev.vmalab.nativebackend.tree.NativeTreeBackend) dev.vmalab.nativebackend.tree.NativeBackends.create(name, variant.id(),
                dev.vmalab.nativebackend.tree.NativeBackendOptions.defaults().withCacheRoot(b.cacheRoot())
                        .withKernelSrc(KERNEL_SRC).withStrict(strict));
    }

    /** The o2 library of a variant, loaded into this JVM. */
    public static NativeMapleLibrary loadOptimised(KernelVariant variant) {
        return NativeMapleLibrary.load(library(variant, BuildFlavour.OPTIMISED).path());
    }
}
