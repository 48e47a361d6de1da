package dev.vmalab.nativebackend.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The C toolchain the native build needs, checked up front so that a missing piece is named
 * with the Debian package that provides it.
 *
 * @param gcc     the compiler command ({@code $CC} or {@code gcc})
 * @param version {@code gcc -dumpfullversion -dumpmachine} and the liburcu library file: part of
 *                the cache key, so a compiler or liburcu upgrade rebuilds
 */
public record Toolchain(String gcc, String version) {

    /** Debian packages the native backend needs (build and tests). */
    public static final String DEBIAN_PACKAGES = "gcc liburcu-dev xz-utils linux-source-6.12";

    /** Finds gcc and liburcu; throws {@link NativeBuildException} naming what to install. */
    public static Toolchain detect() {
        String cc = Optional.ofNullable(System.getenv("CC")).filter(s -> !s.isBlank()).orElse("gcc");
        Command.Result v = Command.of(cc, "-dumpfullversion").run(30);
        if (!v.ok()) {
            throw new NativeBuildException("C compiler '" + cc + "' not found or not working (" + v.output().strip()
                    + "): install it with 'apt-get install gcc'");
        }
        Command.Result m = Command.of(cc, "-dumpmachine").run(30);
        // liburcu-dev: the header and the link library; probe by compiling and linking a one-liner.
        Command.Result urcu = compile(cc, """
                #define _LGPL_SOURCE
                #include <urcu.h>
                int main(void) { rcu_register_thread(); rcu_read_lock(); rcu_read_unlock(); rcu_unregister_thread(); return 0; }
                """, "-lurcu");
        if (!urcu.ok()) {
            throw new NativeBuildException("liburcu (userspace RCU) headers or library not found: install them with"
                    + " 'apt-get install liburcu-dev'\n" + urcu.output().strip());
        }
        return new Toolchain(cc, v.output().strip() + " " + m.output().strip() + " " + realFile(cc, "liburcu.so"));
    }

    /**
     * The ASan runtime to {@code LD_PRELOAD} into a process that loads an {@link BuildFlavour#ASAN}
     * library ({@code gcc -print-file-name=libasan.so}, resolved to the real file).
     */
    public Path libasan() {
        String p = realFile(gcc, "libasan.so");
        if (!Path.of(p).isAbsolute()) {
            throw new NativeBuildException("libasan.so not found by '" + gcc + " -print-file-name=libasan.so': install it with"
                    + " 'apt-get install gcc' (libasan comes with libgcc-<version>-dev)");
        }
        return Path.of(p);
    }

    /** {@code gcc -print-file-name=NAME}, symlinks resolved; the bare name when gcc does not find it. */
    private static String realFile(String cc, String name) {
        Command.Result r = Command.of(cc, "-print-file-name=" + name).run(30);
        Path p = Path.of(r.output().strip());
        if (!r.ok() || !p.isAbsolute() || !Files.exists(p)) return name;
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toString();
        }
    }

    private static Command.Result compile(String cc, String program, String... libs) {
        try {
            Path dir = Files.createTempDirectory("vmalab-cc-probe");
            try {
                Path src = Files.writeString(dir.resolve("probe.c"), program);
                List<String> argv = new ArrayList<>(List.of(cc, "-o", dir.resolve("probe").toString(), src.toString()));
                argv.addAll(List.of(libs));
                return new Command(argv, dir).run(60);
            } finally {
                Files.deleteIfExists(dir.resolve("probe.c"));
                Files.deleteIfExists(dir.resolve("probe"));
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
