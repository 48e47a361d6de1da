package dev.vmalab.nativebackend.build;

import java.nio.file.Path;

/**
 * One built library.
 *
 * @param path          the {@code .so}
 * @param variant       which {@code mas_walk()}
 * @param flavour       optimised or ASan
 * @param buildHash     the cache key (directory name under the cache root)
 * @param kernelVersion of the source it was built from
 * @param cached        true when it was already in the cache
 */
public record NativeLibraryFile(Path path, KernelVariant variant, BuildFlavour flavour, String buildHash,
                                String kernelVersion, boolean cached) {}
