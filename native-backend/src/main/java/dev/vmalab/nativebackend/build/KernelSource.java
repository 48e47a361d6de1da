package dev.vmalab.nativebackend.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the kernel source comes from: Debian's {@code linux-source-6.12} tarball (the default) or
 * an unpacked kernel tree. Only the files the maple tree and its userspace harness need
 * ({@link #NEEDED}) are taken, into {@code <cache>/src/<content hash>/}, never into the
 * repository.
 */
public sealed interface KernelSource {

    /** The tarball Debian's {@code linux-source-6.12} package installs. */
    Path DEBIAN_TARBALL = Path.of("/usr/src/linux-source-6.12.tar.xz");

    /**
     * Paths below the kernel's top directory that the build reads; a directory means its whole
     * subtree and {@code *} one path component. Found with {@code gcc -MM} on the wrapper,
     * tools/testing/shared/linux.c and tools/lib/slab.c (tools/arch for asm/barrier.h of every
     * architecture; the top Makefile for the kernel version).
     */
    List<String> NEEDED = List.of(
            "Makefile",
            "lib/maple_tree.c",
            "include/linux/maple_tree.h",
            "include/linux/xarray.h",
            "include/linux/radix-tree.h",
            "include/linux/kconfig.h",
            "include/linux/gfp_types.h",
            "tools/include",
            "tools/arch/*/include",
            "tools/lib/slab.c",
            "tools/testing/shared");

    /** The default source: Debian's tarball. */
    static KernelSource debian() {
        return new Tarball(DEBIAN_TARBALL);
    }

    /** A tarball ({@code .tar.xz}, {@code .tar.gz}, {@code .tar}) or an unpacked kernel tree. */
    static KernelSource of(Path path) {
        return Files.isDirectory(path) ? new Directory(path) : new Tarball(path);
    }

    /** For messages and the build manifest. */
    String describe();

    /**
     * Checks, without unpacking, that the source is there and looks like a kernel tree, so a
     * caller can refuse a bad {@code --kernel-src} before it starts anything else.
     *
     * @throws NativeBuildException naming the path and what is missing
     */
    void check();

    /**
     * The needed files, unpacked under {@code <cacheRoot>/src/<hash>/} (reused when already there).
     *
     * @throws NativeBuildException when the source is missing or lacks a needed file
     */
    Unpacked unpack(Path cacheRoot);

    /**
     * The needed subset of a kernel tree, unpacked.
     *
     * @param root          the kernel's top directory (holds lib/, include/, tools/)
     * @param hash          SHA-256 of the subset's paths and contents (hex, 64 characters)
     * @param kernelVersion from the top Makefile, e.g. {@code 6.12.57}
     */
    record Unpacked(Path root, String hash, String kernelVersion) {}

    /** A kernel source tarball, unpacked with {@code tar} (only the needed members). */
    record Tarball(Path path) implements KernelSource {
        @Override
        public String describe() {
            return path.toString();
        }

        /**
         * The file is there and starts like a tar archive (plain or compressed). Its members are
         * checked when it is unpacked: listing a 140 MB .tar.xz would take as long as unpacking it.
         */
        @Override
        public void check() {
            if (!Files.exists(path)) {
                throw new NativeBuildException("kernel source " + path + " not found: " + (path.equals(DEBIAN_TARBALL)
                        ? "install it with 'apt-get install linux-source-6.12' or pass --kernel-src DIR|TARBALL"
                        : "pass an unpacked kernel tree or a kernel tarball (e.g. from 'apt-get install linux-source-<version>')"));
            }
            if (!Files.isRegularFile(path)) {
                throw new NativeBuildException("kernel source " + path + " is neither a directory nor a file");
            }
            if (!TarHeader.looksLikeTar(path)) {
                throw new NativeBuildException("kernel source " + path + " is not a kernel tree: not a directory and not a tar"
                        + " archive (" + TarHeader.KINDS + ")");
            }
        }

        @Override
        public Unpacked unpack(Path cacheRoot) {
            check();
            try {
                Path src = Files.createDirectories(cacheRoot.resolve("src"));
                // path + size + mtime -> content hash, so a second build does not unpack again.
                Path index = src.resolve("tarball-" + Hashing.sha256(path.toAbsolutePath() + "|" + Files.size(path) + "|"
                        + Files.getLastModifiedTime(path).toMillis()).substring(0, 16));
                if (Files.isRegularFile(index)) {
                    String hash = Files.readString(index).strip();
                    Path root = src.resolve(hash.substring(0, 16));
                    if (Files.isDirectory(root)) return new Unpacked(root, hash, kernelVersion(root));
                }
                Path tmp = Files.createTempDirectory(src, "unpack-");
                List<String> argv = new ArrayList<>(List.of("tar", "-xf", path.toString(), "-C", tmp.toString(),
                        "--strip-components=1", "--wildcards", "--no-wildcards-match-slash"));
                for (String n : NEEDED) argv.add("*/" + n);
                Command.Result r = new Command(argv, null).run(600);
                if (!r.ok()) {
                    Files.walk(tmp).sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    String hint = r.exitCode() == 127 ? " (install tar)"
                            : r.output().contains("xz") ? " (is 'xz' installed? apt-get install xz-utils)" : "";
                    throw new NativeBuildException("unpacking " + path + " failed" + hint + ":\n" + r.output().strip());
                }
                Unpacked u = settle(tmp, src);
                Hashing.writeAtomically(index, u.hash() + "\n");
                return u;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** An unpacked kernel tree; the needed files are copied, so the tree may change afterwards. */
    record Directory(Path path) implements KernelSource {
        @Override
        public String describe() {
            return path.toString();
        }

        @Override
        public void check() {
            List<String> missing = missing(path);
            if (!missing.isEmpty()) {
                throw new NativeBuildException(path + " is not a kernel source tree: missing " + String.join(", ", missing)
                        + " (the native build needs " + String.join(", ", NEEDED) + "; Linux 6.1 or newer)");
            }
        }

        @Override
        public Unpacked unpack(Path cacheRoot) {
            check();
            try {
                Path src = Files.createDirectories(cacheRoot.resolve("src"));
                Path tmp = Files.createTempDirectory(src, "copy-");
                for (Path p : selected(path)) {
                    Path to = tmp.resolve(path.relativize(p).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return settle(tmp, src);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Hashes a freshly unpacked subset and moves it to {@code src/<hash16>} (or drops it if there). */
    private static Unpacked settle(Path tmp, Path src) throws IOException {
        if (!Files.isRegularFile(tmp.resolve("lib/maple_tree.c"))) {
            throw new NativeBuildException("the kernel source has no lib/maple_tree.c (kernel older than 6.1?)");
        }
        String hash = contentHash(tmp);
        Path root = src.resolve(hash.substring(0, 16));
        if (!Files.isDirectory(root)) {
            try {
                Files.move(tmp, root, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException e) {
                // Linux reports a rename onto a non-empty directory as a plain FileSystemException
                // ("Directory not empty"): another build got there first with the same content.
                if (!Files.isDirectory(root)) throw e;
            }
        }
        if (Files.exists(tmp)) {
            // The same content was unpacked before (a kernel tree given again, or a concurrent build).
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return new Unpacked(root, hash, kernelVersion(root));
    }

    /** The entries of {@link #NEEDED} that {@code top} lacks (a {@code *} entry needs one match), in order. */
    private static List<String> missing(Path top) {
        List<String> out = new ArrayList<>();
        for (String n : NEEDED) {
            if (matches(top, n).isEmpty()) out.add(n);
        }
        return out;
    }

    /** The paths under {@code top} that one {@link #NEEDED} entry names (a {@code *} is one path component). */
    private static List<Path> matches(Path top, String entry) {
        List<Path> out = new ArrayList<>();
        if (!entry.contains("*")) {
            if (Files.exists(top.resolve(entry))) out.add(top.resolve(entry));
            return out;
        }
        int star = entry.indexOf('*');
        Path parent = top.resolve(entry.substring(0, star));
        String rest = entry.substring(star + 2);
        if (!Files.isDirectory(parent)) return out;
        try (Stream<Path> s = Files.list(parent)) {
            s.map(p -> p.resolve(rest)).filter(Files::exists).forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The regular files of {@link #NEEDED} under a kernel tree, sorted. */
    private static List<Path> selected(Path top) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String n : NEEDED) {
            for (Path start : matches(top, n)) {
                try (Stream<Path> s = Files.walk(start)) {
                    s.filter(Files::isRegularFile).forEach(out::add);
                }
            }
        }
        out.sort(Comparator.comparing(Path::toString));
        return out;
    }

    /** SHA-256 over the sorted relative paths and contents of every file under {@code root}. */
    private static String contentHash(Path root) throws IOException {
        MessageDigest md = Hashing.sha256();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> root.relativize(p).toString())).toList();
        }
        for (Path f : files) {
            md.update(root.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(Files.readAllBytes(f));
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** VERSION.PATCHLEVEL.SUBLEVEL from the top Makefile, or "unknown". */
    private static String kernelVersion(Path root) {
        Path mk = root.resolve("Makefile");
        if (!Files.isRegularFile(mk)) return "unknown";
        try {
            String head = Files.readString(mk);
            return field(head, "VERSION") + "." + field(head, "PATCHLEVEL") + "." + field(head, "SUBLEVEL");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String field(String makefile, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\s*=\\s*(\\S*)").matcher(makefile);
        return m.find() ? m.group(1) : "?";
    }
}
