package dev.vmalab.nativebackend.build;

import java.util.List;
import java.util.Locale;

/** How the library is compiled: for speed, or with AddressSanitizer and UBSan for checking. */
public enum BuildFlavour {
    /** {@code -O2}: for timing; a use-after-free goes unnoticed (or worse). */
    OPTIMISED("o2", List.of("-O2")),
    /**
     * ASan + UBSan, recoverable: with {@code ASAN_OPTIONS=halt_on_error=0} a report is handed to
     * the library's callback (and so to Java) and the program goes on. Loading it needs
     * libasan first in the process: {@code LD_PRELOAD}, see {@link AsanEnvironment}.
     */
    ASAN("asan", List.of("-O1", "-fno-omit-frame-pointer", "-fsanitize=address,undefined", "-fsanitize-recover=address"));

    private final String id;
    private final List<String> flags;

    BuildFlavour(String id, List<String> flags) {
        this.id = id;
        this.flags = flags;
    }

    /** The name used on the command line and in file names. */
    public String id() {
        return id;
    }

    /** Compiler flags particular to this flavour. */
    public List<String> flags() {
        return flags;
    }

    public static BuildFlavour fromId(String id) {
        for (BuildFlavour f : values()) {
            if (f.id.equals(id.toLowerCase(Locale.ROOT)) || f.name().equalsIgnoreCase(id)) return f;
        }
        throw new IllegalArgumentException("unknown build flavour '" + id + "' (o2, asan)");
    }
}
