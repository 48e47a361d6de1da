package dev.vmalab.nativebackend.tree;

import dev.vmalab.nativebackend.build.NativeBuild;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How {@link NativeBackends#create(String, String, NativeBackendOptions)} finds or builds the
 * library, and how its trees behave.
 *
 * @param cacheRoot where built libraries are cached ({@link NativeBuild#defaultCacheRoot()})
 * @param kernelSrc a kernel tree or tarball to build from; empty = Debian's linux-source-6.12
 * @param strict    after each store or erase outside a read section, run the frees the model's
 *                  grace periods allow now ({@code Rcu.quiescentPoint()}), even with lazy grace
 *                  periods: freed memory as soon as possible, for ASan to see
 * @param log       build progress lines (unpacking, compiling)
 */
public record NativeBackendOptions(Path cacheRoot, Optional<Path> kernelSrc, boolean strict, Consumer<String> log) {

    /** The default cache, Debian's source, not strict, progress to stderr. */
    public static NativeBackendOptions defaults() {
        return new NativeBackendOptions(NativeBuild.defaultCacheRoot(), Optional.empty(), false, System.err::println);
    }

    public NativeBackendOptions withCacheRoot(Path root) {
        return new NativeBackendOptions(root, kernelSrc, strict, log);
    }

    public NativeBackendOptions withKernelSrc(Path src) {
        return new NativeBackendOptions(cacheRoot, Optional.ofNullable(src), strict, log);
    }

    public NativeBackendOptions withStrict(boolean on) {
        return new NativeBackendOptions(cacheRoot, kernelSrc, on, log);
    }

    public NativeBackendOptions withLog(Consumer<String> sink) {
        return new NativeBackendOptions(cacheRoot, kernelSrc, strict, sink);
    }
}
