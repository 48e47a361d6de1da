package dev.vmalab.nativebackend.cli;

import dev.vmalab.nativebackend.build.AsanEnvironment;
import dev.vmalab.nativebackend.build.BuildFlavour;
import dev.vmalab.nativebackend.build.KernelVariant;
import dev.vmalab.nativebackend.build.NativeBuild;
import dev.vmalab.nativebackend.build.NativeBuildException;
import dev.vmalab.nativebackend.build.NativeLibraryFile;
import dev.vmalab.nativebackend.build.Toolchain;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code vmalab native}: the real kernel maple tree as a shared library. */
@Command(name = "native", mixinStandardHelpOptions = true,
        description = "The kernel's own maple tree (lib/maple_tree.c) built as a shared library and called through FFM.",
        subcommands = NativeCommand.Build.class)
public final class NativeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code vmalab native build}: unpack the source, apply the variant edit, compile, cache. */
    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {
                    "Build libvmalab_maple-<variant>-<flavour>.so from a kernel source tree with the kernel's userspace harness"
                            + " (tools/testing/shared, liburcu) and print where each library is.",
                    "Variants: as-shipped (the source as is; on 6.12 every mas_walk() restarts from the root) and"
                            + " resume-active (mas_walk()'s status test changed from || to &&, as upstream in June 2025).",
                    "Flavours: o2 (optimised) and asan (ASan + UBSan, recoverable; load with libasan preloaded).",
                    "Needs the Debian packages: " + Toolchain.DEBIAN_PACKAGES + "."})
    static final class Build implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--kernel-src", paramLabel = "DIR|TARBALL",
                description = "Kernel source: an unpacked tree or a tarball (default: ${DEFAULT-VALUE}).",
                defaultValue = "/usr/src/linux-source-6.12.tar.xz")
        Path kernelSrc;

        @Option(names = "--variant", split = ",", paramLabel = "VARIANT",
                description = "as-shipped, resume-active (default: both).")
        List<String> variants = new ArrayList<>();

        @Option(names = "--flavour", split = ",", paramLabel = "FLAVOUR", description = "o2, asan (default: both).")
        List<String> flavours = new ArrayList<>();

        @Option(names = "--cache-dir", paramLabel = "DIR",
                description = "Cache root (default: $VMALAB_NATIVE_CACHE, else $XDG_CACHE_HOME/vmalab/native, else ~/.cache/vmalab/native).")
        Path cacheDir;

        @Option(names = "--force", description = "Rebuild even when the cache has the library.")
        boolean force;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<KernelVariant> vs;
            List<BuildFlavour> fs;
            try {
                vs = variants.isEmpty() ? List.of(KernelVariant.values()) : variants.stream().map(KernelVariant::fromId).toList();
                fs = flavours.isEmpty() ? List.of(BuildFlavour.values()) : flavours.stream().map(BuildFlavour::fromId).toList();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            NativeBuild build = new NativeBuild(cacheDir != null ? cacheDir : NativeBuild.defaultCacheRoot(),
                    NativeBuild.sourceOrDefault(Optional.of(kernelSrc)), line -> {
                        err.println(line);
                        err.flush();
                    });
            try {
                boolean asan = false;
                for (KernelVariant v : vs) {
                    for (BuildFlavour f : fs) {
                        NativeLibraryFile lib = build.build(v, f, force);
                        out.printf("%-14s %-5s %s  (kernel %s, %s)%n", v.id(), f.id(), lib.path(), lib.kernelVersion(),
                                lib.cached() ? "cached" : "built");
                        asan |= f == BuildFlavour.ASAN;
                    }
                }
                if (asan) {
                    AsanEnvironment env = AsanEnvironment.of(build.toolchain());
                    out.println("asan libraries load only with libasan preloaded, e.g.:");
                    out.println("  VMALAB_PRELOAD=" + env.libasan() + " ASAN_OPTIONS=" + env.asanOptions() + " ./vmalab ...");
                }
                out.flush();
                return 0;
            } catch (NativeBuildException e) {
                err.println("vmalab native build: " + e.getMessage());
                err.flush();
                return 2;
            }
        }
    }
}
