package dev.vmalab.replay.cli;

import dev.vmalab.model.strategy.StrategyRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;

/** {@code --strategy-jar JAR}: must be a readable jar that adds at least one strategy (else it was silently ignored). */
final class StrategyJars {
    private StrategyJars() {}

    /** Throws IllegalArgumentException ("--strategy-jar JAR: reason") for the first jar that is not usable. */
    static void check(List<Path> jars) {
        Set<String> known = new HashSet<>(StrategyRegistry.standard().names());
        for (Path jar : jars) {
            String name = "--strategy-jar " + jar + ": ";
            if (!Files.isRegularFile(jar)) throw new IllegalArgumentException(name + "no such file");
            if (!Files.isReadable(jar)) throw new IllegalArgumentException(name + "cannot read it");
            try (JarFile j = new JarFile(jar.toFile())) {
                j.size();
            } catch (IOException e) {
                throw new IllegalArgumentException(name + "not a jar (" + e.getMessage() + ")");
            }
            List<String> added = StrategyRegistry.withJars(List.of(jar)).names().stream().filter(n -> !known.contains(n)).toList();
            if (added.isEmpty()) {
                throw new IllegalArgumentException(name + "adds no strategy (it needs META-INF/services/"
                        + "dev.vmalab.model.lookup.LookupStrategy naming its classes)");
            }
        }
    }
}
