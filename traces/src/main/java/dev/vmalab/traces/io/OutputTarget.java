package dev.vmalab.traces.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What may sit at an output path before the lab writes there: nothing, or a regular file
 * (the lab's own earlier output, replaced whole). A symlink is refused, not followed: the
 * atomic rename would replace the link itself, and following it could overwrite a file
 * outside the folder the user named. Directories, devices ({@code /dev/full}), FIFOs and
 * sockets are refused, as is a target that is one of the inputs.
 */
public final class OutputTarget {
    private OutputTarget() {}

    /** Throws {@link UnsafeOutputException} unless {@code target} is absent or a regular file other than the inputs. */
    public static void check(Path target, Path... inputs) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            checkParent(target);
            return;
        }
        if (a.isSymbolicLink()) {
            throw new UnsafeOutputException(target, "is a symbolic link; the lab does not write through links "
                    + "(name the real file, or remove the link)");
        }
        if (a.isDirectory()) throw new UnsafeOutputException(target, "is a directory, not a file");
        if (!a.isRegularFile()) {
            throw new UnsafeOutputException(target, "is a device, FIFO or socket, not a regular file; refusing to replace it");
        }
        checkFileSystem(target, target.toAbsolutePath().getParent());
        for (Path in : inputs) {
            if (in != null && Files.exists(in) && Files.isSameFile(in, target)) {
                throw new UnsafeOutputException(target, "is the input file; choose another output name");
            }
        }
    }

    /** A folder the lab writes result files into: absent, or a real directory (not a link, not a file). */
    public static void checkFolder(Path dir) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            checkParent(dir);
            return;
        }
        if (a.isSymbolicLink() && Files.isDirectory(dir)) return; // a linked result folder: its files are still checked
        if (!a.isDirectory()) throw new UnsafeOutputException(dir, "is not a directory (an output folder is needed)");
    }

    /** The nearest existing ancestor must be a directory (not a file, not /proc's pseudo-files). */
    private static void checkParent(Path target) throws IOException {
        Path p = target.toAbsolutePath().getParent();
        while (p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) p = p.getParent();
        if (p == null) return;
        if (!Files.isDirectory(p)) throw new UnsafeOutputException(target, p + " is not a directory");
        if (!Files.isWritable(p)) throw new UnsafeOutputException(target, "cannot write in " + p);
        checkFileSystem(target, p);
    }

    private static void checkFileSystem(Path target, Path dir) throws IOException {
        if (dir == null) return;
        String fs = Files.getFileStore(dir).type();
        if (fs.equals("proc") || fs.equals("sysfs")) {
            throw new UnsafeOutputException(target, "is under " + fs + ", a kernel pseudo-file system, not a place for output");
        }
    }
}
