package dev.vmalab.nativebackend.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds the kernel's maple tree ({@code lib/maple_tree.c}) with the kernel's own userspace
 * harness (tools/testing/shared, tools/include, liburcu) and our C wrapper
 * ({@code src/main/c/vmalab_maple.c}, shipped as a resource) into a shared library, per
 * {@link KernelVariant} and {@link BuildFlavour}, and caches it.
 *
 * <p>Cache layout, under {@link #defaultCacheRoot()}:
 * <pre>
 *   src/&lt;hash16&gt;/                 the needed kernel files (KernelSource.NEEDED), by content hash
 *   src/tarball-&lt;key&gt;             tarball path+size+mtime -&gt; content hash (skips unpacking)
 *   &lt;build16&gt;/                     one per (kernel subset, wrapper source, compiler, recipe)
 *     include/generated/*.h         the headers the harness's Makefile generates
 *     wrapper/vmalab_maple.[ch]     our wrapper, as compiled
 *     &lt;variant&gt;/maple_tree.c        the (edited) kernel file, named in ASan stacks
 *     libvmalab_maple-&lt;variant&gt;-&lt;flavour&gt;.so
 *     build-&lt;variant&gt;-&lt;flavour&gt;.log  the gcc command line and its output
 * </pre>
 * {@code <build16>} is the first 16 hex digits of SHA-256 over {@link #RECIPE}, the toolchain
 * version, the kernel subset's content hash and the wrapper's source, so editing any of them
 * builds afresh and nothing is ever rebuilt in place.
 *
 * <p>The compile line (see {@link #gccCommand}) follows tools/testing/shared/shared.mk except:
 * {@code -shared -fPIC}; {@code -fvisibility=hidden} (only {@code vml_*} is exported, so two
 * variants can live in one process); {@code -fno-strict-aliasing} as the kernel builds; and
 * {@code -include generated/autoconf.h}, which the 6.12 harness generates but never includes,
 * leaving {@code CONFIG_64BIT} undefined and maple nodes with 32-bit sizes (512-byte nodes,
 * 32-slot leaves) on x86-64; with it the nodes are the kernel's 256 bytes, 16 slots.
 */
public final class NativeBuild {

    /** Bump when the compile line or the layout changes: part of the cache key. */
    static final String RECIPE = "vmalab-native-recipe-1";

    static final String RESOURCE_DIR = "/dev/vmalab/nativebackend/c/";
    static final List<String> WRAPPER_FILES = List.of("vmalab_maple.c", "vmalab_maple.h");

    private final Path cacheRoot;
    private final KernelSource source;
    private final Consumer<String> log;
    private Toolchain toolchain;

    /**
     * @param cacheRoot where libraries and the unpacked source go ({@link #defaultCacheRoot()})
     * @param source    the kernel source ({@link KernelSource#debian()})
     * @param log       progress lines (unpacking, compiling), e.g. {@code System.err::println}
     */
    public NativeBuild(Path cacheRoot, KernelSource source, Consumer<String> log) {
        this.cacheRoot = cacheRoot;
        this.source = source;
        this.log = log;
    }

    /**
     * {@code $VMALAB_NATIVE_CACHE}, else system property {@code vmalab.native.cache}, else
     * {@code $XDG_CACHE_HOME/vmalab/native}, else {@code ~/.cache/vmalab/native}: outside the
     * repository and outside {@code target/}, so {@code mvn clean} keeps it.
     */
    public static Path defaultCacheRoot() {
        String env = System.getenv("VMALAB_NATIVE_CACHE");
        if (env != null && !env.isBlank()) return Path.of(env);
        String prop = System.getProperty("vmalab.native.cache");
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("vmalab").resolve("native");
    }

    public Path cacheRoot() {
        return cacheRoot;
    }

    /** Detected on first use; throws {@link NativeBuildException} naming the package to install. */
    public synchronized Toolchain toolchain() {
        if (toolchain == null) toolchain = Toolchain.detect();
        return toolchain;
    }

    /** Builds every variant in every flavour (cached ones are reused). */
    public List<NativeLibraryFile> buildAll(boolean force) {
        List<NativeLibraryFile> out = new ArrayList<>();
        for (KernelVariant v : KernelVariant.values()) {
            for (BuildFlavour f : BuildFlavour.values()) out.add(build(v, f, force));
        }
        return out;
    }

    /**
     * The library for one variant and flavour: from the cache, or built now.
     *
     * @param force rebuild even when the cache has it
     * @throws NativeBuildException when a tool or the source is missing, or gcc fails (the
     *                              message holds the command and gcc's output)
     */
    public synchronized NativeLibraryFile build(KernelVariant variant, BuildFlavour flavour, boolean force) {
        if (ValueLayout.ADDRESS.byteSize() != 8) throw new NativeBuildException("the native backend needs a 64-bit platform");
        Toolchain tc = toolchain();
        try {
            Files.createDirectories(cacheRoot);
            KernelSource.Unpacked src = source.unpack(cacheRoot);
            byte[][] wrapper = new byte[WRAPPER_FILES.size()][];
            StringBuilder key = new StringBuilder(RECIPE).append('\n').append(tc.version()).append('\n').append(src.hash()).append('\n');
            for (int i = 0; i < wrapper.length; i++) {
                wrapper[i] = resource(WRAPPER_FILES.get(i));
                key.append(WRAPPER_FILES.get(i)).append(' ').append(Hashing.sha256(new String(wrapper[i], StandardCharsets.UTF_8))).append('\n');
            }
            String buildHash = Hashing.sha256(key.toString()).substring(0, 16);
            Path dir = Files.createDirectories(cacheRoot.resolve(buildHash));
            String name = "libvmalab_maple-" + variant.id() + "-" + flavour.id();
            Path so = dir.resolve(name + ".so");
            if (!force && Files.isRegularFile(so)) {
                return new NativeLibraryFile(so, variant, flavour, buildHash, src.kernelVersion(), true);
            }
            Path generated = Files.createDirectories(dir.resolve("include/generated"));
            writeIfChanged(generated.resolve("map-shift.h"), "#define XA_CHUNK_SHIFT 3\n".getBytes(StandardCharsets.UTF_8));
            writeIfChanged(generated.resolve("bit-length.h"), "#define CONFIG_64BIT 1\n".getBytes(StandardCharsets.UTF_8));
            writeIfChanged(generated.resolve("autoconf.h"), Files.readAllBytes(src.root().resolve("tools/testing/shared/autoconf.h")));
            Path wrapperDir = Files.createDirectories(dir.resolve("wrapper"));
            for (int i = 0; i < wrapper.length; i++) writeIfChanged(wrapperDir.resolve(WRAPPER_FILES.get(i)), wrapper[i]);
            Path variantDir = Files.createDirectories(dir.resolve(variant.id()));
            String mapleTree = Files.readString(src.root().resolve("lib/maple_tree.c"), StandardCharsets.ISO_8859_1);
            writeIfChanged(variantDir.resolve("maple_tree.c"), variant.apply(mapleTree).getBytes(StandardCharsets.ISO_8859_1));

            Path tmp = dir.resolve("." + name + "." + ProcessHandle.current().pid() + ".so.tmp");
            Command gcc = gccCommand(tc.gcc(), variant, flavour, src.root(), dir, tmp);
            log.accept("vmalab native: compiling " + name + " (kernel " + src.kernelVersion() + ", " + source.describe() + ")");
            Command.Result r = gcc.run(900);
            Hashing.writeAtomically(dir.resolve("build-" + variant.id() + "-" + flavour.id() + ".log"),
                    "# source: " + source.describe() + " (kernel " + src.kernelVersion() + ", subset sha256 " + src.hash() + ")\n"
                            + "# toolchain: " + tc.version() + "\n" + gcc.display() + "\n" + r.output());
            if (!r.ok()) {
                Files.deleteIfExists(tmp);
                throw new NativeBuildException("compiling " + name + " failed (exit " + r.exitCode() + "):\n" + gcc.display()
                        + "\n" + tail(r.output(), 60));
            }
            Files.move(tmp, so, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return new NativeLibraryFile(so, variant, flavour, buildHash, src.kernelVersion(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The gcc command line for one library (the build logs it next to the {@code .so}). */
    static Command gccCommand(String gcc, KernelVariant variant, BuildFlavour flavour, Path kernel, Path dir, Path out) {
        List<String> argv = new ArrayList<>(List.of(gcc, "-shared", "-fPIC", "-g", "-std=gnu11"));
        argv.addAll(flavour.flags());
        argv.addAll(List.of("-fno-strict-aliasing", "-fvisibility=hidden", "-D_LGPL_SOURCE",
                "-DVML_VARIANT=\"" + variant.id() + "\"", "-DVML_FLAVOUR=\"" + flavour.id() + "\"",
                "-include", dir.resolve("include/generated/autoconf.h").toString(),
                "-I" + dir.resolve("include"),
                "-I" + kernel.resolve("tools/testing/shared"),
                "-I" + dir.resolve("wrapper"),
                "-I" + kernel.resolve("tools/include"),
                "-I" + dir.resolve(variant.id()),
                "-I" + kernel.resolve("lib"),
                "-o", out.toString(),
                dir.resolve("wrapper/vmalab_maple.c").toString(),
                kernel.resolve("tools/testing/shared/linux.c").toString(),
                kernel.resolve("tools/lib/slab.c").toString(),
                "-lurcu", "-lpthread", "-Wl,--no-undefined", "-Wl,-soname,libvmalab_maple-" + variant.id() + "-" + flavour.id() + ".so"));
        return new Command(argv, dir);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = NativeBuild.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) throw new NativeBuildException("resource " + RESOURCE_DIR + name + " missing from the classpath");
            return in.readAllBytes();
        }
    }

    private static void writeIfChanged(Path file, byte[] content) throws IOException {
        if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), content)) return;
        Hashing.writeAtomically(file, content);
    }

    private static String tail(String s, int lines) {
        String[] all = s.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    /** The source given on the command line, or Debian's tarball. */
    public static KernelSource sourceOrDefault(Optional<Path> kernelSrc) {
        return kernelSrc.map(KernelSource::of).orElseGet(KernelSource::debian);
    }
}
