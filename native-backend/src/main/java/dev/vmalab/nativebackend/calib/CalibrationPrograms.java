package dev.vmalab.nativebackend.calib;

import dev.vmalab.nativebackend.build.BuildFlavour;
import dev.vmalab.nativebackend.build.Command;
import dev.vmalab.nativebackend.build.KernelVariant;
import dev.vmalab.nativebackend.build.NativeBuild;
import dev.vmalab.nativebackend.build.NativeBuildException;
import dev.vmalab.nativebackend.build.NativeLibraryFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The two C programs of {@code vmalab calibrate} (src/main/c/calib/, shipped as resources),
 * compiled with the native build's gcc into {@code <native cache>/calib/<hash>/}: the fault
 * timer needs only libc and pthreads; the walk timer links against the native backend's
 * {@code libvmalab_maple-resume-active-o2.so} (the kernel's lib/maple_tree.c), built first if
 * the cache lacks it. A program is rebuilt only when its source, the compiler or the library
 * changes (the hash names the folder).
 */
public final class CalibrationPrograms {
    static final String RESOURCE_DIR = "/dev/vmalab/nativebackend/c/calib/";
    static final String FAULT_TIMING = "vmalab_fault_timing";
    static final String WALK_TIMING = "vmalab_walk_timing";

    private final NativeBuild build;

    public CalibrationPrograms(NativeBuild build) {
        this.build = build;
    }

    /** The fault timer (no kernel source needed). */
    public Path faultTiming() {
        return compile(FAULT_TIMING, "", List.of("-lpthread"), null);
    }

    /** The maple walk timer, with the library it links against (resume-active mas_walk, -O2). */
    public Path walkTiming() {
        NativeLibraryFile lib = build.build(KernelVariant.RESUME_ACTIVE, BuildFlavour.OPTIMISED, false);
        Path dir = lib.path().getParent();
        String name = lib.path().getFileName().toString();
        return compile(WALK_TIMING, lib.buildHash(), List.of("-I" + dir.resolve("wrapper"), "-L" + dir,
                "-l:" + name, "-Wl,-rpath," + dir, "-lurcu", "-lpthread"), lib);
    }

    private Path compile(String program, String salt, List<String> flags, NativeLibraryFile lib) {
        String gcc = build.toolchain().gcc();
        try {
            byte[] src = resource(program + ".c");
            String hash = sha256(build.toolchain().version() + "\n" + salt + "\n" + String.join(" ", flags) + "\n",
                    src).substring(0, 16);
            Path dir = Files.createDirectories(build.cacheRoot().resolve("calib").resolve(hash));
            Path exe = dir.resolve(program);
            if (Files.isExecutable(exe)) return exe;
            Path c = dir.resolve(program + ".c");
            Files.write(c, src);
            Path tmp = dir.resolve("." + program + "." + ProcessHandle.current().pid() + ".tmp");
            List<String> argv = new java.util.ArrayList<>(List.of(gcc, "-O2", "-g", "-Wall", "-std=gnu11", "-o",
                    tmp.toString(), c.toString()));
            argv.addAll(flags);
            Command cc = new Command(argv, dir);
            Command.Result r = cc.run(300);
            if (!r.ok()) {
                Files.deleteIfExists(tmp);
                throw new NativeBuildException("compiling " + program + " failed (exit " + r.exitCode() + "): "
                        + cc.display() + "\n" + r.output().strip());
            }
            Files.move(tmp, exe, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return exe;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CalibrationPrograms.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) throw new NativeBuildException("resource " + RESOURCE_DIR + name + " missing from the classpath");
            return in.readAllBytes();
        }
    }

    private static String sha256(String head, byte[] body) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update(body);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
