package dev.vmalab.traces.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files the lab has open right now. A shutdown hook (run on SIGINT, SIGTERM and
 * normal exit) deletes those still present, so an interrupted import or replay leaves no
 * hidden {@code .tmp} files. SIGKILL cannot be caught: a {@code kill -9} may still leave one.
 */
public final class TempFiles {
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteAll, "vmalab-temp-cleanup"));
    }

    private TempFiles() {}

    public static void register(Path temp) {
        OPEN.add(temp);
    }

    /** The file was renamed into place or deleted. */
    public static void release(Path temp) {
        OPEN.remove(temp);
    }

    static void deleteAll() {
        for (Path p : OPEN) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // Shutting down: nothing more can be done about one file.
            }
        }
    }
}
