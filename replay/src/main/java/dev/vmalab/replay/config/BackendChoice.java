package dev.vmalab.replay.config;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.maple.WalkSemantics;
import dev.vmalab.nativebackend.build.KernelSource;
import dev.vmalab.nativebackend.build.NativeBuildException;
import dev.vmalab.nativebackend.tree.NativeBackendOptions;
import dev.vmalab.nativebackend.tree.NativeBackends;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which maple tree a replay or a stress hunt runs on ({@code --backend}) and, for the kernel's
 * own code, which kernel source it is built from ({@code --kernel-src}; empty = Debian's
 * linux-source-6.12). Checked when made, so a bad choice is refused before any work starts.
 *
 * @param name      java, native or native-asan ({@link NativeBackends#names()})
 * @param kernelSrc an unpacked kernel tree or a tarball; only with a native backend
 */
public record BackendChoice(String name, Optional<Path> kernelSrc) {
    /** The Java model, the default. */
    public static final BackendChoice JAVA = new BackendChoice(NativeBackends.JAVA, Optional.empty());

    public BackendChoice {
        if (!NativeBackends.names().contains(name)) {
            throw new IllegalArgumentException("--backend must be one of " + String.join(", ", NativeBackends.names())
                    + ", is " + name);
        }
        if (kernelSrc.isPresent() && name.equals(NativeBackends.JAVA)) {
            throw new IllegalArgumentException("--kernel-src needs --backend native or native-asan: the java backend"
                    + " runs the Java model, which is built from no kernel source");
        }
    }

    /**
     * The choice for {@code --backend name} (null = java) and {@code --kernel-src src} (null = the
     * default source), with the source checked for being a kernel tree, without unpacking it.
     *
     * @throws IllegalArgumentException naming what is wrong; the caller turns it into a usage error
     */
    public static BackendChoice of(String name, Path src) {
        BackendChoice c = new BackendChoice(name == null ? NativeBackends.JAVA : name, Optional.ofNullable(src));
        if (src != null) {
            try {
                KernelSource.of(src).check();
            } catch (NativeBuildException e) {
                throw new IllegalArgumentException("--kernel-src: " + e.getMessage(), e);
            }
        }
        return c;
    }

    public boolean isNative() {
        return !name.equals(NativeBackends.JAVA);
    }

    /** The options that make this choice again (none for the default), for forked JVMs and repro commands. */
    public List<String> args() {
        List<String> a = new ArrayList<>();
        if (isNative()) a.addAll(List.of("--backend", name));
        kernelSrc.ifPresent(p -> a.addAll(List.of("--kernel-src", p.toString())));
        return a;
    }

    /**
     * Puts the kernel's code under every mm of {@code kernel} when this choice is native (builds
     * the library into the cache first when it is not there); the variant follows {@code walk}.
     *
     * @param strict run the model's due frees right after each store, for strict grace periods
     */
    public Kernel.Builder applyTo(Kernel.Builder kernel, WalkSemantics walk, boolean strict) {
        if (!isNative()) return kernel;
        String variant = walk == WalkSemantics.RESUME_ACTIVE ? "resume-active" : "as-shipped";
        NativeBackendOptions options = NativeBackendOptions.defaults().withStrict(strict);
        if (kernelSrc.isPresent()) options = options.withKernelSrc(kernelSrc.get());
        return kernel.treeBackend(NativeBackends.create(name, variant, options));
    }

    /** For machine.properties: {@code backend} (java-model for the Java model) and, when given, {@code kernel_src}. */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("backend", isNative() ? name : "java-model");
        kernelSrc.ifPresent(s -> p.put("kernel_src", s.toAbsolutePath().normalize().toString()));
        return p;
    }

    /** For one-line descriptions: the name, and the kernel source when one was given. */
    public String describe() {
        return kernelSrc.map(s -> name + " from " + s).orElse(name);
    }
}
