package dev.vmalab.replay.cli;

import dev.vmalab.replay.config.BackendChoice;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --backend} and {@code --kernel-src}: the options every command that can run on the
 * kernel's own maple tree shares (replay, replay-cell, stress, demo), so they parse and refuse
 * alike.
 */
public final class BackendOptions {
    @Option(names = "--backend", paramLabel = "java|native|native-asan",
            description = "The maple tree: the Java model (default) or the kernel's lib/maple_tree.c through FFM "
                    + "(native-asan: under AddressSanitizer; its use-after-free reports become violations). "
                    + "The kernel variant follows --walk-semantics: 6.18 = resume-active, 6.18-restart-walk = as-shipped.")
    String backend;

    @Option(names = "--kernel-src", paramLabel = "DIR|TARBALL",
            description = "With --backend native|native-asan: build the kernel's maple tree from this kernel tree or tarball "
                    + "instead of the Debian linux-source-6.12 tarball in /usr/src (checked before anything runs).")
    Path kernelSrc;

    /**
     * The backend chosen, checked: an unknown name, {@code --kernel-src} with the java backend and a
     * path that is missing or no kernel tree are refused.
     *
     * @throws IllegalArgumentException saying what is wrong (callers make it a usage error)
     */
    public BackendChoice choice() {
        return BackendChoice.of(backend, kernelSrc);
    }
}
