package dev.vmalab.nativebackend.tree;

import dev.vmalab.model.maple.WalkSemantics;
import dev.vmalab.model.tree.TreeBackend;
import dev.vmalab.nativebackend.NativeMapleLibrary;
import dev.vmalab.nativebackend.build.BuildFlavour;
import dev.vmalab.nativebackend.build.KernelVariant;
import dev.vmalab.nativebackend.build.NativeBuild;
import dev.vmalab.nativebackend.build.NativeLibraryFile;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tree backends by name, for {@code --backend} and {@code --variant}:
 * <pre>{@code
 * TreeBackend backend = NativeBackends.create("native-asan", "resume-active");
 * Kernel kernel = Kernel.builder().treeBackend(backend)
 *         .walkSemantics(NativeBackends.walkSemantics("resume-active")).build();
 * }</pre>
 * <ul>
 *   <li>{@code java}: the Java model ({@link TreeBackend#JAVA}); the variant only chooses the
 *       kernel's walk semantics, which the caller sets with {@link #walkSemantics(String)}.
 *   <li>{@code native}: the kernel's {@code lib/maple_tree.c}, built {@code -O2}. For timing. A
 *       use-after-free reads whatever the freed memory holds (possibly crashing the JVM): do not
 *       run a known-incorrect strategy on {@code resume-active} with it.
 *   <li>{@code native-asan}: the same code with ASan + UBSan; each bad walk is one
 *       USE_AFTER_FREE violation with ASan's stacks. The JVM must start with libasan preloaded:
 *       {@code ./vmalab} does it when it sees {@code --backend native-asan}.
 * </ul>
 * Variants: {@code resume-active} (default; {@code mas_walk()} resumes an active state, upstream
 * since June 2025, {@link WalkSemantics#RESUME_ACTIVE}) and {@code as-shipped} (Debian's 6.12:
 * every walk restarts from the root, {@link WalkSemantics#ALWAYS_RESTART}).
 *
 * <p>The library comes from the cache, or is built there first (5-20 s; needs gcc, liburcu-dev
 * and the kernel source, see README). Backends are cached per name and options' cache root,
 * source and strictness.
 */
public final class NativeBackends {
    private NativeBackends() {}

    public static final String JAVA = "java";
    public static final String NATIVE = "native";
    public static final String NATIVE_ASAN = "native-asan";

    private static final Map<String, NativeTreeBackend> MADE = new ConcurrentHashMap<>();

    /** The names {@link #create} accepts. */
    public static List<String> names() {
        return List.of(JAVA, NATIVE, NATIVE_ASAN);
    }

    /** The variant names, default first. */
    public static List<String> variants() {
        return List.of(KernelVariant.RESUME_ACTIVE.id(), KernelVariant.AS_SHIPPED.id());
    }

    /** {@link #create(String, String, NativeBackendOptions)} with {@link NativeBackendOptions#defaults()}. */
    public static TreeBackend create(String backend, String variant) {
        return create(backend, variant, NativeBackendOptions.defaults());
    }

    /**
     * The backend called {@code backend} for kernel {@code variant} (null = resume-active).
     *
     * @throws IllegalArgumentException an unknown name or variant (the message lists the known ones)
     * @throws IllegalStateException    {@code native-asan} in a JVM started without libasan
     * @throws dev.vmalab.nativebackend.build.NativeBuildException a tool or the source is missing
     */
    public static TreeBackend create(String backend, String variant, NativeBackendOptions options) {
        KernelVariant v = variant(variant);
        String name = backend == null ? JAVA : backend.toLowerCase(Locale.ROOT);
        BuildFlavour flavour = switch (name) {
            case JAVA -> null;
            case NATIVE -> BuildFlavour.OPTIMISED;
            case NATIVE_ASAN -> BuildFlavour.ASAN;
            default -> throw new IllegalArgumentException("unknown tree backend '" + backend + "'; known: " + String.join(", ", names()));
        };
        if (flavour == null) return TreeBackend.JAVA;
        if (flavour == BuildFlavour.ASAN && !NativeMapleLibrary.asanRuntimeLoaded()) {
            throw new IllegalStateException("--backend native-asan needs a JVM started with libasan preloaded: run it through"
                    + " ./vmalab (it sets LD_PRELOAD and ASAN_OPTIONS when it sees --backend native-asan), or set"
                    + " LD_PRELOAD=$(gcc -print-file-name=libasan.so) and ASAN_OPTIONS="
                    + dev.vmalab.nativebackend.build.AsanEnvironment.JVM_ASAN_OPTIONS);
        }
        String key = name + "/" + v.id() + "/" + options.cacheRoot() + "/" + options.kernelSrc().orElse(null) + "/" + options.strict();
        return MADE.computeIfAbsent(key, k -> {
            NativeBuild build = new NativeBuild(options.cacheRoot(), NativeBuild.sourceOrDefault(options.kernelSrc()), options.log());
            NativeLibraryFile file = build.build(v, flavour, false);
            NativeTreeBackend made = new NativeTreeBackend(NativeMapleLibrary.load(file.path()), v, flavour, options.strict());
            options.log().accept(made.retryWithoutResetNote());
            return made;
        });
    }

    /** The variant for a name ({@code resume-active}, {@code as-shipped}; null = resume-active). */
    public static KernelVariant variant(String variant) {
        return variant == null || variant.isBlank() ? KernelVariant.RESUME_ACTIVE : KernelVariant.fromId(variant);
    }

    /** The Java model's walk semantics for a variant name: set it on the kernel with either backend. */
    public static WalkSemantics walkSemantics(String variant) {
        return walkSemantics(variant(variant));
    }

    static WalkSemantics walkSemantics(KernelVariant v) {
        return v == KernelVariant.RESUME_ACTIVE ? WalkSemantics.RESUME_ACTIVE : WalkSemantics.ALWAYS_RESTART;
    }
}
